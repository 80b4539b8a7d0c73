/**
 * Legacy `storage` (@forge/api up to 7.x, @forge/storage): GraphQL over `POST /forge/entities/graphql`
 * (read in node_modules/@forge/storage/out/global-storage.js and gql-queries.js). It is answered from
 * the same store as @forge/kvs, because on the platform both reach the same data.
 */
import type { Operation } from '../../models/trace.js';
import { httpAnswer, type HttpAnswer } from './answer.js';
import { graphQlFailure, serviceFailure } from './planned.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import type { SurfaceSimulator } from './simulator.js';
import type { KeyValueStore } from './store.js';

/** The gateway path legacy storage posts its GraphQL to (remote `stargate`). */
export const LEGACY_STORAGE_PATH = '/forge/entities/graphql';

interface GraphQlBody {
  readonly query?: unknown;
  readonly variables?: { readonly key?: unknown; readonly encrypted?: unknown; readonly input?: { key?: unknown; value?: unknown; encrypted?: unknown } };
}

// A 200 with `errors` is what makes @forge/storage raise APIError with our message (a bare status loses it).
const graphQlError = (message: string): HttpAnswer =>
  httpAnswer(200, { data: null, errors: [{ message, extensions: { errorType: 'UNSUPPORTED_BY_HARNESS', statusCode: 501 } }] });

const mutationOk = (name: 'setAppStoredEntity' | 'deleteAppStoredEntity'): HttpAnswer =>
  httpAnswer(200, { data: { appStorage: { [name]: { success: true, errors: [] } } } });

/**
 * Parses one legacy storage request against the run's store.
 *
 * @example
 * prepareLegacyStorage(JSON.stringify(UntypedQueries.get('k', false)), store, () => now).operation // { surface: 'storage', name: 'get', key: 'k' }
 */
export const prepareLegacyStorage = (bodyText: string | undefined, store: KeyValueStore, now: () => number): PreparedRequest => {
  let body: GraphQlBody = {};
  try {
    body = JSON.parse(bodyText ?? '{}') as GraphQlBody;
  } catch {
    // An unparsable body falls through to the unsupported answer below.
  }
  const query = typeof body.query === 'string' ? body.query : '';
  const input = body.variables?.input ?? {};
  if (/setAppStoredEntity\s*\(/.test(query)) {
    const key = String(input.key);
    const secret = input.encrypted === true;
    const operation: Operation = { surface: 'storage', name: secret ? 'set-secret' : 'set', key, value: JSON.stringify(input.value) ?? 'undefined' };
    return {
      mutates: true,
      operation,
      apply: () => {
        store.set(secret ? 'secret' : 'kv', key, input.value, now());
        return fromStore(mutationOk('setAppStoredEntity'));
      },
    };
  }
  if (/deleteAppStoredEntity\s*\(/.test(query)) {
    const key = String(input.key);
    const secret = input.encrypted === true;
    return {
      mutates: true,
      operation: { surface: 'storage', name: secret ? 'delete-secret' : 'delete', key },
      apply: () => {
        store.delete(secret ? 'secret' : 'kv', key, now());
        return fromStore(mutationOk('deleteAppStoredEntity'));
      },
    };
  }
  if (/appStoredEntity\s*\(/.test(query)) {
    const key = String(body.variables?.key);
    const secret = body.variables?.encrypted === true;
    return {
      mutates: false,
      operation: { surface: 'storage', name: secret ? 'get-secret' : 'get', key },
      apply: () => {
        const entry = store.get(secret ? 'secret' : 'kv', key, now());
        return fromStore(httpAnswer(200, { data: { appStoredEntity: { key, value: entry === undefined ? null : entry.value } } }));
      },
    };
  }
  const what = /(\w+)\s*[({]/.exec(query.replace(/^\s*(query|mutation)\s+\w+/, ''))?.[1] ?? 'unknown operation';
  return {
    mutates: true,
    operation: { surface: 'storage', name: 'other', target: `${LEGACY_STORAGE_PATH} ${what}` },
    unsupported: `legacy storage ${what}`,
    apply: () => fromStore(graphQlError(`forge-retry-harness does not simulate the legacy storage operation ${what} (supported: get, set, delete and their secret forms)`)),
  };
};

/** Legacy storage over the run's store. */
export const legacyStorageSimulator: SurfaceSimulator = {
  failure: serviceFailure(graphQlFailure),
  prepare: (request, ctx) => prepareLegacyStorage(request.body, ctx.store, ctx.now),
};
