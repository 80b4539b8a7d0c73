/**
 * The @forge/kvs 1.6.5 wire protocol over the run's in-memory store (read in node_modules/@forge/kvs/out:
 * storage-api.js, kvs.js, entity.js, query.js, entity-query.js, transaction-api.js). Every call is
 * `POST <path>` with a JSON body; this table names the handler of each path, one file per kind of call.
 * A path not in the table is refused with an error naming it.
 */
import type { Operation } from '../../models/trace.js';
import { workingDirectoryIndexes } from './entity-indexes.js';
import { singleKey } from './kvs-basic.js';
import { batch } from './kvs-batch.js';
import { entityQuery, kvsQuery } from './kvs-query.js';
import { transaction } from './kvs-transaction.js';
import { kvsError, type KvsContext, type KvsHandler } from './kvs-wire.js';
import { forgeServiceFailure, serviceFailure } from './planned.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import type { SurfaceSimulator } from './simulator.js';

/** The handler of every KVS path the harness simulates. */
export const KVS_ROUTES: Readonly<Record<string, KvsHandler>> = {
  '/api/v1/get': singleKey('plain', 'get'),
  '/api/v1/set': singleKey('plain', 'set'),
  '/api/v1/delete': singleKey('plain', 'delete'),
  '/api/v1/secret/get': singleKey('secret', 'get'),
  '/api/v1/secret/set': singleKey('secret', 'set'),
  '/api/v1/secret/delete': singleKey('secret', 'delete'),
  '/api/v1/entity/get': singleKey('entity', 'get'),
  '/api/v1/entity/set': singleKey('entity', 'set'),
  '/api/v1/entity/delete': singleKey('entity', 'delete'),
  '/api/v1/query': kvsQuery,
  '/api/v1/entity/query': entityQuery,
  '/api/v1/batch/set': batch('set'),
  '/api/v1/batch/get': batch('get'),
  '/api/v1/batch/delete': batch('delete'),
  '/api/v1/transaction': transaction,
};

const other = (path: string): Operation => ({ surface: 'kvs', name: 'other', target: path });

/**
 * Parses one @forge/kvs request against the run's store.
 *
 * @example
 * prepareKvs('/api/v1/get', '{"key":"k"}', ctx).apply().answer.status // 404 when k is missing
 */
export const prepareKvs = (path: string, bodyText: string | undefined, ctx: KvsContext): PreparedRequest => {
  let body: unknown;
  try {
    body = JSON.parse(bodyText ?? '{}');
  } catch {
    return { mutates: false, operation: other(path), apply: () => fromStore(kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid')) };
  }
  const handler = KVS_ROUTES[path];
  if (handler === undefined) {
    return {
      mutates: true,
      operation: other(path),
      unsupported: `@forge/kvs ${path}`,
      apply: () => fromStore(kvsError(501, 'UNSUPPORTED_BY_HARNESS', `forge-retry-harness does not simulate the @forge/kvs call ${path}`)),
    };
  }
  return handler(body, ctx, path);
};

/** @forge/kvs over the run's store. */
export const kvsSimulator: SurfaceSimulator = {
  failure: serviceFailure(forgeServiceFailure),
  prepare: (request, ctx) =>
    prepareKvs(request.path.split('?', 1)[0] ?? request.path, request.body, { store: ctx.store, now: ctx.now, indexes: workingDirectoryIndexes }),
};
