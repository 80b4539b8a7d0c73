/**
 * The world's wire: a request as the simulation hands it over (path with query, body as sent or parsed)
 * and the plain reply it gets back, plus the error bodies of each product, so a handler that reads
 * `errorMessages` (Jira) or `errors[0].title` (Confluence v2) finds them where the real API puts them.
 */

/** The products the world simulates. */
export const WORLD_SURFACES = ['jira', 'confluence'] as const;

/** A product the world simulates. */
export type WorldSurface = (typeof WORLD_SURFACES)[number];

/** One request to the world. */
export interface WorldRequest {
  /** HTTP method, any case. */
  readonly method: string;
  /** Product path with query, e.g. `/rest/api/3/search/jql?jql=project%20%3D%20SUP`. */
  readonly path: string;
  /** The body as sent (a JSON string is parsed) or already parsed. */
  readonly body?: unknown;
  readonly surface: WorldSurface;
}

/** The world's answer. A `body` of undefined means an empty body (204 and friends). */
export interface WorldReply {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * A reply with a JSON body (or none).
 *
 * @example
 * reply(204) // { status: 204, body: undefined }
 */
export const reply = (status: number, body?: unknown, headers?: Readonly<Record<string, string>>): WorldReply =>
  headers === undefined ? { status, body } : { status, headers, body };

/**
 * Jira's error body: `{ errorMessages, errors }`.
 *
 * @example
 * jiraError(404, 'Issue does not exist or you do not have permission to see it.').body
 * // { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }
 */
export const jiraError = (status: number, message: string): WorldReply => reply(status, { errorMessages: [message], errors: {} });

/**
 * Jira's error body for invalid fields: messages keyed by field, no general messages.
 *
 * @example
 * jiraFieldErrors({ summary: 'You must specify a summary of the issue.' }).status // 400
 */
export const jiraFieldErrors = (errors: Readonly<Record<string, string>>): WorldReply => reply(400, { errorMessages: [], errors });

const TITLES: Readonly<Record<number, string>> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' };
const CODES: Readonly<Record<number, string>> = { 400: 'INVALID_REQUEST_PARAMETER', 404: 'NOT_FOUND', 409: 'CONFLICT' };

/**
 * Confluence v2's error body: `{ errors: [{ status, code, title, detail }] }`.
 *
 * @example
 * confluenceError(404).body // { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] }
 */
export const confluenceError = (status: number, title?: string): WorldReply =>
  reply(status, { errors: [{ status, code: CODES[status] ?? 'ERROR', title: title ?? TITLES[status] ?? 'Error', detail: null }] });

/**
 * Confluence v1's error body: `{ statusCode, data, message }`.
 *
 * @example
 * confluenceV1Error(404, 'No content found with id: 7').status // 404
 */
export const confluenceV1Error = (status: number, message: string): WorldReply =>
  reply(status, { statusCode: status, data: { authorized: true, valid: status !== 400, errors: [], successful: false }, message });
