/**
 * What a rate-limited answer covers: which later requests must wait for it. Jira says so in
 * `RateLimit-Reason` (docs/platform.md, "Jira rate-limit responses and headers", after Atlassian's
 * "Build an app that respects rate limits", 2026-10):
 * - `jira-burst-based`: one endpoint and method; the query string does not make another endpoint.
 * - `jira-per-issue-on-write`: every write to that issue.
 * - `jira-quota-global-based`, `jira-quota-tenant-based`: the hourly points quota; pause every call to
 *   the product until it resets.
 * - no reason, an unknown one, a 5xx, or a service that is not Jira or Confluence: the endpoint and method.
 *
 * Where the docs leave room the scope is the narrower reading (zero false positives): an "endpoint" is a
 * concrete path, not the route template (`PUT /issue/A-1` and `PUT /issue/A-2` are two endpoints), an
 * issue is named by the key or id in the path as written, and external services keep their query
 * string, since nothing says it does not select another resource there.
 */
import type { RequestRecord, UpstreamSurface } from '../../models/trace.js';

/** The RateLimit-Reason values of the hourly points quota. */
export const QUOTA_REASONS = ['jira-quota-global-based', 'jira-quota-tenant-based'] as const;

/** The later requests a rate-limited answer covers. */
export type RateLimitScope =
  | {
      readonly kind: 'endpoint';
      readonly surface: UpstreamSurface;
      readonly method: string;
      /** Without its query string when `ignoresQuery`. */
      readonly path: string;
      readonly ignoresQuery: boolean;
      /** The limited request had a query string that the scope ignores (reports say so). */
      readonly droppedQuery: boolean;
    }
  | {
      readonly kind: 'issue-writes';
      readonly surface: UpstreamSurface;
      readonly issue: string;
      /** The endpoint itself is covered too, whatever its method: it answered 429. */
      readonly endpoint: Extract<RateLimitScope, { kind: 'endpoint' }>;
    }
  | { readonly kind: 'product'; readonly surface: UpstreamSurface; readonly reason: string };

/** Surfaces whose 429s carry Jira's RateLimit-Reason and whose paths ignore the query string. */
const REASONED_SURFACES: ReadonlySet<UpstreamSurface> = new Set(['jira', 'confluence']);
const PRODUCT_NAMES: Partial<Record<UpstreamSurface, string>> = { jira: 'Jira', confluence: 'Confluence' };
const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The issue a Jira REST path is about (its key, upper-cased, or its id), or undefined. */
const ISSUE_PATH = /^\/rest\/(?:api\/(?:2|3|latest)|agile\/1\.0)\/issue\/([A-Za-z][A-Za-z0-9_]*-\d+|\d+)(?:[/?#]|$)/;

/**
 * The issue a request's path names, or undefined when it names none.
 *
 * @example
 * issueOf('/rest/api/3/issue/proj-12/comment') // 'PROJ-12'
 * issueOf('/rest/api/3/issue/bulk')            // undefined
 */
export const issueOf = (path: string): string | undefined => ISSUE_PATH.exec(path)?.[1]?.toUpperCase();

const withoutQuery = (path: string): string => path.split(/[?#]/)[0] ?? path;

const endpointScope = (request: RequestRecord): Extract<RateLimitScope, { kind: 'endpoint' }> => {
  const ignoresQuery = REASONED_SURFACES.has(request.surface);
  const path = ignoresQuery ? withoutQuery(request.path) : request.path;
  return { kind: 'endpoint', surface: request.surface, method: request.method, path, ignoresQuery, droppedQuery: path !== request.path };
};

/**
 * The scope of a rate-limited or failed response to `request`.
 *
 * @example
 * scopeOf(searchPage1).kind // 'endpoint' (for a 429 with RateLimit-Reason: jira-burst-based)
 */
export const scopeOf = (request: RequestRecord): RateLimitScope => {
  const endpoint = endpointScope(request);
  const response = request.response;
  if (response.kind !== 'http' || response.status !== 429 || !REASONED_SURFACES.has(request.surface)) return endpoint;
  const reason = response.headers['ratelimit-reason']?.trim().toLowerCase();
  if (reason !== undefined && (QUOTA_REASONS as readonly string[]).includes(reason)) return { kind: 'product', surface: request.surface, reason };
  if (reason === 'jira-per-issue-on-write') {
    const issue = request.surface === 'jira' ? issueOf(request.path) : undefined;
    if (issue !== undefined) return { kind: 'issue-writes', surface: request.surface, issue, endpoint };
  }
  return endpoint;
};

const coversEndpoint = (scope: Extract<RateLimitScope, { kind: 'endpoint' }>, r: RequestRecord): boolean =>
  r.surface === scope.surface && r.method === scope.method && (scope.ignoresQuery ? withoutQuery(r.path) : r.path) === scope.path;

/**
 * True when `scope` covers `request`: it must not go out before the deadline.
 *
 * @example
 * covers(scopeOf(searchPage1), searchPage2) // true: the query string does not make another endpoint
 */
export const covers = (scope: RateLimitScope, request: RequestRecord): boolean => {
  switch (scope.kind) {
    case 'endpoint':
      return coversEndpoint(scope, request);
    case 'issue-writes':
      return (
        coversEndpoint(scope.endpoint, request) ||
        (request.surface === scope.surface && !READ_METHODS.has(request.method) && issueOf(request.path) === scope.issue)
      );
    case 'product':
      return request.surface === scope.surface;
  }
};

/**
 * What a scope covers, as reports show it after "no".
 *
 * @example
 * describeScope(scopeOf(searchPage1)) // 'GET /rest/api/3/search/jql (any query string)'
 */
export const describeScope = (scope: RateLimitScope): string => {
  switch (scope.kind) {
    case 'endpoint':
      return `${scope.method} ${scope.path}${scope.droppedQuery ? ' (any query string)' : ''}`;
    case 'issue-writes':
      return `write to issue ${scope.issue}, nor ${describeScope(scope.endpoint)}`;
    case 'product':
      return `${PRODUCT_NAMES[scope.surface] ?? scope.surface} request of any kind (RateLimit-Reason: ${scope.reason})`;
  }
};
