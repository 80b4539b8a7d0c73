/**
 * Which upstream a call goes to, read from the descriptor the SDKs pass to `__forge_fetch__` (or from
 * its coming through Node's fetch), by looking it up among the reaches of the surface table
 * (docs/platform.md "How the SDKs reach the platform").
 */
import { renderValue } from '../../models/render-value.js';
import { formatMessage } from '../messages/format.js';
import type { Principal, UpstreamSurface } from '../../models/trace.js';
import { REFUSED_APIS } from './refused.js';
import { SURFACE_ENTRIES, type Reach } from './surfaces.js';

/** A classified call: the surface, and for calls no surface claims what they were and what to do. */
export interface Classified {
  readonly surface: UpstreamSurface;
  readonly unsupported?: string;
  readonly unsupportedFix?: string;
}

/**
 * Who a `__forge_fetch__` call is made as, when that is not the app's default: `asUser(accountId)`
 * sends `provider: 'user'` (with the account, or none for the invoking user), `withContext(contextAri)`
 * a `contextAri` (@forge/api 8.3.0 `__fetchProduct`).
 *
 * @example
 * principalOf({ type: 'fpp', provider: 'user', remote: 'jira', accountId: '5b10' }) // { as: 'user', accountId: '5b10' }
 * principalOf({ type: 'fpp', provider: 'app', remote: 'jira' })                   // undefined
 */
export const principalOf = (descriptor: unknown): Principal | undefined => {
  const d = (typeof descriptor === 'object' && descriptor !== null ? descriptor : {}) as Record<string, unknown>;
  const user = d['provider'] === 'user';
  const contextAri = typeof d['contextAri'] === 'string' ? d['contextAri'] : undefined;
  if (!user && contextAri === undefined) return undefined;
  const accountId = typeof d['accountId'] === 'string' ? d['accountId'] : undefined;
  return { as: user ? 'user' : 'app', ...(accountId !== undefined ? { accountId } : {}), ...(contextAri !== undefined ? { contextAri } : {}) };
};

/**
 * The first field a GraphQL document selects (comments and the operation header skipped), or
 * undefined when the body is not a GraphQL request.
 *
 * @example
 * graphRootField('{"query":"mutation m($i: X) { createWebTriggerUrl(input: $i) { url } }"}') // 'createWebTriggerUrl'
 */
export const graphRootField = (body: string | undefined): string | undefined => {
  try {
    const query = (JSON.parse(body ?? '') as { query?: unknown }).query;
    if (typeof query !== 'string') return undefined;
    return /\{\s*(\w+)/.exec(query.replace(/#[^\n]*/g, ''))?.[1];
  } catch {
    return undefined;
  }
};

// `withContext(contextAri)` sends no remote: the proxy finds the product from the context, so the
// harness reads it from the path (Confluence's REST lives under /wiki, Bitbucket's under /2.0).
const contextProduct = (d: Record<string, unknown>, bare: string): string | undefined => {
  if (typeof d['contextAri'] !== 'string') return undefined;
  if (bare.startsWith('/wiki/')) return 'confluence';
  if (bare.startsWith('/2.0/')) return 'bitbucket';
  return 'jira';
};

const reaches = (reach: Reach, d: Record<string, unknown>, bare: string, body: string | undefined): boolean => {
  switch (reach.via) {
    case 'graphql-field': {
      if (d['type'] !== 'fpp' || d['remote'] !== 'stargate' || bare !== reach.path) return false;
      const field = graphRootField(body);
      return field !== undefined && reach.fields.includes(field);
    }
    case 'service':
      return d['type'] === reach.type;
    case 'product':
      return d['type'] === 'fpp' && (d['remote'] ?? contextProduct(d, bare)) === reach.remote;
    case 'gateway': {
      if (d['type'] !== 'fpp' || d['remote'] !== 'stargate') return false;
      const below = reach.path.endsWith('/') ? reach.path : `${reach.path}/`;
      return bare === reach.path || (reach.below && bare.startsWith(below));
    }
    case 'node-fetch':
    case 'fallback':
      return false;
  }
};

const surfaceReached = (via: Reach['via']): UpstreamSurface => {
  const entry = SURFACE_ENTRIES.find(([, e]) => e.reach.via === via);
  if (entry === undefined) throw new Error(formatMessage(`no surface is reached via ${via}`));
  return entry[0];
};

const listed = (items: readonly string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`);

/** What the gateway paths that are simulated are called, in table order. */
const GATEWAY_NAMES = SURFACE_ENTRIES.flatMap(([, e]) => (e.reach.via === 'gateway' ? [e.reach.label ?? e.reach.path] : []));

/** The surface every Node fetch goes to. */
export const NODE_FETCH_SURFACE: UpstreamSurface = surfaceReached('node-fetch');

const FALLBACK_SURFACE: UpstreamSurface = surfaceReached('fallback');

/**
 * Classifies a `__forge_fetch__` call.
 *
 * @example
 * classifyForgeFetch({ type: 'fpp', provider: 'app', remote: 'jira' }, '/rest/api/3/issue') // { surface: 'jira' }
 */
export const classifyForgeFetch = (descriptor: unknown, path: string, body?: string): Classified => {
  const d = (typeof descriptor === 'object' && descriptor !== null ? descriptor : {}) as Record<string, unknown>;
  const bare = path.split('?', 1)[0] ?? '';
  const refused = REFUSED_APIS.find((r) => r.matches(d, bare));
  if (refused !== undefined) return { surface: FALLBACK_SURFACE, unsupported: `${refused.api}, which is not simulated`, unsupportedFix: refused.fix };
  // A surface claimed by the GraphQL field a body selects wins over one claimed by its path alone.
  const claimed =
    SURFACE_ENTRIES.find(([, e]) => e.reach.via === 'graphql-field' && reaches(e.reach, d, bare, body)) ??
    SURFACE_ENTRIES.find(([, e]) => e.reach.via !== 'graphql-field' && reaches(e.reach, d, bare, body));
  if (claimed !== undefined) return { surface: claimed[0] };
  const unsupported =
    d['type'] !== 'fpp'
      ? `__forge_fetch__ descriptor ${renderValue(descriptor, 120)}`
      : d['remote'] === 'stargate'
        ? `stargate path ${bare} (only ${listed(GATEWAY_NAMES)} are simulated)`
        : `product call with descriptor ${renderValue(descriptor, 120)}`;
  return { surface: FALLBACK_SURFACE, unsupported };
};
