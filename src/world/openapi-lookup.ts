/**
 * What Atlassian's OpenAPI specs document for an endpoint the world does not simulate statefully: the
 * success status and a schema-shaped body, looked up in the generated table. Jira's `/rest/api/2` and
 * `/rest/api/latest` are looked up as `/rest/api/3`: the versions share paths and statuses and differ in
 * body formats (plain text vs ADF) that an empty skeleton does not show.
 */
import { bestMatch, splitQuery } from './route.js';
import type { JsonValue } from './openapi-row.js';
import { OPENAPI_BODIES, OPENAPI_TABLE } from './openapi-table.js';

/** What the specs say about one operation. */
export interface DocumentedOperation {
  readonly method: string;
  /** The spec's path template, e.g. `/rest/api/3/issue/{issueIdOrKey}/comment`. */
  readonly template: string;
  /** The success status the world answers with: the first documented 2xx. */
  readonly status: number;
  /** Every documented 2xx status, ascending. */
  readonly statuses: readonly number[];
  /** A fresh copy of the body skeleton; undefined when the success status has no body. */
  readonly body: JsonValue | undefined;
  /** The path parameters, by the spec's names (e.g. `issueIdOrKey`). */
  readonly params: Readonly<Record<string, string>>;
}

const INDEX = OPENAPI_TABLE.map(([method, template, statuses, body]) => ({
  method,
  template,
  statuses,
  body,
  segments: template.split('/').filter((s) => s.length > 0),
}));

/**
 * The path as the specs write it: Jira's older API versions mapped onto v3.
 *
 * @example
 * specPath('/rest/api/2/issue/SUP-1?fields=summary') // '/rest/api/3/issue/SUP-1'
 */
export const specPath = (path: string): string => splitQuery(path)[0].replace(/^\/rest\/api\/(?:2|latest)(?=\/|$)/, '/rest/api/3');

/**
 * The documented operation for a method and path (query ignored), or undefined when no spec has it.
 *
 * @example
 * documentedOperation('DELETE', '/rest/api/3/version/10000')?.status // 204
 */
export const documentedOperation = (method: string, path: string): DocumentedOperation | undefined => {
  const found = bestMatch(INDEX, method.toUpperCase(), specPath(path));
  if (found === undefined) return undefined;
  const { match, params } = found;
  const skeleton = match.body === undefined ? undefined : OPENAPI_BODIES[match.body];
  return {
    method: match.method,
    template: match.template,
    status: match.statuses[0]!,
    statuses: match.statuses,
    body: skeleton === undefined ? undefined : (structuredClone(skeleton) as JsonValue),
    params,
  };
};
