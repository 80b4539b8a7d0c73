/**
 * User-supplied upstream answers. A fixture is either one function or a route table
 * (`'GET /rest/api/3/issue/:key': reply`); both are normalised to one function so the simulation
 * asks a single question: "does the user want to answer this request?".
 */
import type { UpstreamSurface } from '../../models/trace.js';
import { formatMessage } from '../messages/format.js';

/** A request as a fixture sees it. */
export interface UpstreamRequest {
  readonly surface: UpstreamSurface;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Product path with query, or the full URL for external hosts. */
  readonly path: string;
  /** The full URL, for external requests. */
  readonly url?: string;
  /** Request headers, names in lower case. */
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** The body parsed as JSON (undefined when absent or not JSON). */
  json(): unknown;
  /** The 1-based delivery the request belongs to. */
  readonly delivery: number;
}

/** A fixture's answer. Absent members take the simulation's defaults (status 200, JSON body). */
export interface UpstreamReply {
  /** @defaultValue 200 */
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** A string is sent as is; anything else is sent as JSON. */
  readonly body?: unknown;
}

/**
 * Answers a request, or returns undefined to let the simulation's default answer it. `state` persists
 * across the deliveries of one run (so a check-before-create handler can be simulated) and is fresh
 * for every run.
 *
 * @example
 * const created: UpstreamFixture = (req, state) =>
 *   req.method === 'POST' ? (state.set('created', true), { status: 201, body: { id: '1' } }) : undefined;
 */
export type UpstreamFixture = (req: UpstreamRequest, state: Map<string, unknown>) => UpstreamReply | undefined;

/**
 * A route table: keys are `'METHOD /path/:param'` (a `*` segment matches the rest of the path; for
 * external hosts write the full URL, e.g. `'GET https://api.example.com/items/:id'`).
 *
 * @example
 * const routes: UpstreamRoutes = { 'GET /rest/api/3/issue/:key': { body: { key: 'TEST-1' } } };
 */
export type UpstreamRoutes = Record<string, UpstreamReply | UpstreamFixture>;

interface CompiledRoute {
  readonly method: string;
  readonly segments: readonly string[];
  readonly answer: UpstreamReply | UpstreamFixture;
}

const splitPath = (path: string): string[] => {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  return bare.split('/').filter((segment) => segment.length > 0);
};

const matches = (route: readonly string[], path: readonly string[]): boolean => {
  for (let i = 0; i < route.length; i++) {
    const segment = route[i]!;
    if (segment === '*') return true;
    const actual = path[i];
    if (actual === undefined) return false;
    if (!segment.startsWith(':') && segment !== actual) return false;
  }
  return route.length === path.length;
};

const compile = (routes: UpstreamRoutes): CompiledRoute[] =>
  Object.entries(routes).map(([pattern, answer]) => {
    const match = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(pattern);
    if (match === null) {
      throw new TypeError(formatMessage(`upstream route "${pattern}" must look like "GET /rest/api/3/issue/:key"`));
    }
    return { method: match[1]!.toUpperCase(), segments: splitPath(match[2]!), answer };
  });

/**
 * Turns a fixture function or a route table into one fixture function. Routes are tried in the
 * order they were written; the first that matches answers.
 *
 * @example
 * const fixture = normaliseFixture({ 'POST /rest/api/3/issue': { status: 201, body: { id: '1', key: 'A-1' } } });
 */
export const normaliseFixture = (fixture: UpstreamFixture | UpstreamRoutes | undefined): UpstreamFixture | undefined => {
  if (fixture === undefined) return undefined;
  if (typeof fixture === 'function') return fixture;
  const routes = compile(fixture);
  return (req, state) => {
    const path = splitPath(req.path);
    for (const route of routes) {
      if (route.method !== req.method || !matches(route.segments, path)) continue;
      return typeof route.answer === 'function' ? route.answer(req, state) : route.answer;
    }
    return undefined;
  };
};
