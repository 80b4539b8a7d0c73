/**
 * A small router over path templates written the way Atlassian's specs write them
 * (`/rest/api/3/issue/{issueIdOrKey}/comment`), so a simulated route and the OpenAPI table name an
 * endpoint the same way. When several templates match, the one with more literal segments wins
 * (`/issue/picker` over `/issue/{issueIdOrKey}`), as it does on the real servers.
 */
import type { WorldReply } from './http.js';

/** What a route's handler is given. */
export interface RouteCall {
  /** Path parameters, decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The request body, parsed when it was JSON text. */
  readonly body: unknown;
}

/** A simulated endpoint. */
export interface Route<S> {
  readonly method: string;
  readonly template: string;
  readonly segments: readonly string[];
  readonly handle: (call: RouteCall, state: S) => WorldReply;
}

const segmentsOf = (path: string): string[] => path.split('/').filter((s) => s.length > 0);

const isParam = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

/**
 * Declares a route.
 *
 * @example
 * route('GET', '/rest/api/3/issue/{issueIdOrKey}', ({ params }, jira) => getIssue(jira, params.issueIdOrKey!))
 */
export const route = <S>(method: string, template: string, handle: Route<S>['handle']): Route<S> => ({
  method,
  template,
  segments: segmentsOf(template),
  handle,
});

/** The parameters of `segments` under `template`, or undefined when it does not match. */
export const matchTemplate = (template: readonly string[], segments: readonly string[]): Record<string, string> | undefined => {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    const s = segments[i]!;
    if (isParam(t)) params[t.slice(1, -1)] = s;
    else if (t !== s) return undefined;
  }
  return params;
};

const literals = (template: readonly string[]): number => template.filter((s) => !isParam(s)).length;

/**
 * The best match among `candidates` for a method and a path without query: most literal segments first.
 *
 * @example
 * bestMatch([{ method: 'GET', segments: ['a', '{x}'] }], 'GET', '/a/1')?.params // { x: '1' }
 */
export const bestMatch = <T extends { readonly method: string; readonly segments: readonly string[] }>(
  candidates: readonly T[],
  method: string,
  path: string,
): { readonly match: T; readonly params: Record<string, string> } | undefined => {
  const segments = segmentsOf(path).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  let best: { match: T; params: Record<string, string>; score: number } | undefined;
  for (const candidate of candidates) {
    if (candidate.method !== method) continue;
    const params = matchTemplate(candidate.segments, segments);
    if (params === undefined) continue;
    const score = literals(candidate.segments);
    if (best === undefined || score > best.score) best = { match: candidate, params, score };
  }
  return best === undefined ? undefined : { match: best.match, params: best.params };
};

const parsedBody = (body: unknown): unknown => {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
};

/**
 * Answers with the best matching route, or undefined when none matches.
 *
 * @example
 * dispatch(routes, { method: 'GET', path: '/rest/api/3/issue/SUP-1' }, state)?.status
 */
export const dispatch = <S>(
  routes: readonly Route<S>[],
  request: { readonly method: string; readonly path: string; readonly body?: unknown },
  state: S,
): WorldReply | undefined => {
  const [bare = '', query = ''] = splitQuery(request.path);
  const found = bestMatch(routes, request.method.toUpperCase(), bare);
  if (found === undefined) return undefined;
  return found.match.handle({ params: found.params, query: new URLSearchParams(query), body: parsedBody(request.body) }, state);
};

/** A path split at its first `?` (a `#` fragment is dropped). */
export const splitQuery = (path: string): [string, string] => {
  const noFragment = path.split('#', 1)[0] ?? '';
  const at = noFragment.indexOf('?');
  return at < 0 ? [noFragment, ''] : [noFragment.slice(0, at), noFragment.slice(at + 1)];
};
