/**
 * What the simulation answers one request with, before it is turned into what the handler receives
 * (a WHATWG `Response` for `__forge_fetch__`, dispatcher callbacks for Node's fetch). Keeping one plain
 * shape means the recorded response and the delivered response are built from the same data.
 */
import { STATUS_CODES } from 'node:http';
import type { ResponseRecord } from '../../models/trace.js';
import type { UpstreamReply } from './fixtures.js';

/** An HTTP answer; header names are lower case. */
export interface HttpAnswer {
  readonly kind: 'http';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Every way a request can end. `lost` never reaches the handler: the invocation died first. */
export type Answer = HttpAnswer | { readonly kind: 'network-error'; readonly message: string } | Extract<ResponseRecord, { kind: 'lost' }>;

/** Statuses whose responses cannot carry a body (the `Response` constructor throws otherwise). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

const lowerCaseHeaders = (headers: Readonly<Record<string, string>> | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = String(value);
  return out;
};

/**
 * Builds an HTTP answer: a string body is sent as is, anything else as JSON with a JSON content type.
 *
 * @example
 * httpAnswer(201, { id: '1' }) // { kind: 'http', status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"1"}' }
 */
export const httpAnswer = (status: number, body?: unknown, headers?: Readonly<Record<string, string>>): HttpAnswer => {
  const h = lowerCaseHeaders(headers);
  if (NULL_BODY_STATUSES.has(status) || body === undefined) return { kind: 'http', status, headers: h, body: '' };
  if (typeof body === 'string') return { kind: 'http', status, headers: h, body };
  if (!('content-type' in h)) h['content-type'] = 'application/json';
  return { kind: 'http', status, headers: h, body: JSON.stringify(body) ?? '' };
};

/**
 * A fixture's reply as an answer; defaults: status 200, JSON body.
 *
 * @example
 * fromReply({ body: { ok: true } }).status // 200
 */
export const fromReply = (reply: UpstreamReply): HttpAnswer => httpAnswer(reply.status ?? 200, reply.body, reply.headers);

/**
 * The WHATWG `Response` the handler receives for an HTTP answer.
 *
 * @example
 * const res = toResponse(httpAnswer(204)); res.status // 204
 */
export const toResponse = (answer: HttpAnswer): Response =>
  new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, {
    status: answer.status,
    statusText: STATUS_CODES[answer.status] ?? '',
    headers: answer.headers,
  });

/**
 * What the trace records for an answer.
 *
 * @example
 * toRecord({ kind: 'network-error', message: 'fetch failed' }) // the same object
 */
export const toRecord = (answer: Answer): ResponseRecord =>
  answer.kind === 'http' ? { kind: 'http', status: answer.status, headers: answer.headers, body: answer.body } : answer;

/**
 * The error `fetch` rejects with when the connection fails, shaped like undici's.
 *
 * @example
 * networkError('connection reset').message // 'fetch failed'
 */
export const networkError = (cause: string): TypeError => new TypeError('fetch failed', { cause: new Error(cause) });
