/**
 * Which upstream a `__forge_fetch__` call goes to, read from the descriptor the SDKs pass
 * (FORGE_FACTS.md "How the SDKs reach the platform").
 */
import { renderValue } from '../../models/render-value.js';
import type { UpstreamSurface } from '../../models/trace.js';

const PRODUCTS: ReadonlySet<string> = new Set(['jira', 'confluence', 'bitbucket']);

/** Legacy `storage` (@forge/api up to 7.x, @forge/storage) posts GraphQL here. */
export const LEGACY_STORAGE_PATH = '/forge/entities/graphql';
/** `Queue.push` of @forge/events posts here (the placeholders are filled in by the real proxy). */
export const QUEUE_PUSH_PREFIX = '/webhook/queue/publish/';

/** A classified call: the surface, and for unsupported calls what they were. */
export interface Classified {
  readonly surface: UpstreamSurface;
  readonly unsupported?: string;
}

/**
 * Classifies a `__forge_fetch__` call.
 *
 * @example
 * classifyForgeFetch({ type: 'fpp', provider: 'app', remote: 'jira' }, '/rest/api/3/issue') // { surface: 'jira' }
 */
export const classifyForgeFetch = (descriptor: unknown, path: string): Classified => {
  const d = (typeof descriptor === 'object' && descriptor !== null ? descriptor : {}) as Record<string, unknown>;
  const bare = path.split('?', 1)[0] ?? '';
  switch (d['type']) {
    case 'kvs':
      return { surface: 'kvs' };
    case 'sql':
      return { surface: 'sql', unsupported: '@forge/sql is not supported by forge-retry-harness' };
    case 'fpp': {
      const remote = d['remote'];
      if (typeof remote === 'string' && PRODUCTS.has(remote)) return { surface: remote as UpstreamSurface };
      if (remote === 'stargate') {
        if (bare === '/graphql' || bare.startsWith('/graphql/')) return { surface: 'graph' };
        if (bare === LEGACY_STORAGE_PATH) return { surface: 'storage' };
        if (bare.startsWith(QUEUE_PUSH_PREFIX)) return { surface: 'queue' };
        return { surface: 'unsupported', unsupported: `stargate path ${bare} (only /graphql, ${LEGACY_STORAGE_PATH} and Queue.push are simulated)` };
      }
      return { surface: 'unsupported', unsupported: `product call with descriptor ${renderValue(descriptor, 120)}` };
    }
    default:
      return { surface: 'unsupported', unsupported: `__forge_fetch__ descriptor ${renderValue(descriptor, 120)}` };
  }
};
