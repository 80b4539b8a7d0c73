/**
 * Legacy `storage` (@forge/api up to 7.x, which delegates to @forge/storage; read in
 * node_modules/@forge/storage/out 2.0.3: global-storage.js, gql-queries.js, query-api.js,
 * entity-storage/query-api.js): GraphQL over `POST /forge/entities/graphql` on the gateway. The root
 * field of the query names the call; this table names its handler. It is answered from the same store
 * as @forge/kvs, because on the platform both reach the same data, with the same query engine.
 * Any status but 200 is an error to the SDK, and so is a 200 with `errors`.
 */
import type { Operation } from '../../models/trace.js';
import { httpAnswer, type HttpAnswer } from './answer.js';
import { workingDirectoryIndexes } from './entity-indexes.js';
import type { WireCondition, WireFilters } from './kvs-conditions.js';
import { checkEntityQuery, describeCondition, describeEntityQuery, pagingText, runEntityQuery, type EntityQueryArgs } from './kvs-query.js';
import { asRecord, recordedKey, valueText, type KvsContext } from './kvs-wire.js';
import { graphQlFailure, serviceFailure } from './planned.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import { cursorOf, keyQuery, type Page } from './query-engine.js';
import type { SurfaceSimulator } from './simulator.js';
import type { Namespace } from './store.js';

/** The gateway path legacy storage posts its GraphQL to (remote `stargate`). */
export const LEGACY_STORAGE_PATH = '/forge/entities/graphql';

type Variables = Record<string, unknown>;
type LegacyHandler = (variables: Variables, ctx: KvsContext) => PreparedRequest;

// A 200 with `errors` is what makes @forge/storage raise APIError with our message (a bare status loses it).
const graphQlError = (message: string, errorType = 'UNSUPPORTED_BY_HARNESS', statusCode = 501): HttpAnswer =>
  httpAnswer(200, { data: null, errors: [{ message, extensions: { errorType, statusCode } }] });

const mutationOk = (namespace: 'appStorage' | 'appStorageCustomEntity', name: string): HttpAnswer =>
  httpAnswer(200, { data: { [namespace]: { [name]: { success: true, errors: [] } } } });

const untyped = (input: Record<string, unknown>): { ns: Namespace; key: string; secret: boolean } => {
  const secret = input['encrypted'] === true;
  return { ns: secret ? 'secret' : 'kv', key: String(input['key']), secret };
};

const edgesOf = (page: Extract<Page, { kind: 'page' }>) => page.rows.map((row) => ({ node: { key: row.key, value: row.entry.value }, cursor: cursorOf(row) }));

const badCursor = graphQlError('The cursor is not one this query returned', 'INVALID_CURSOR', 400);

const entityArgs = (v: Variables): EntityQueryArgs => {
  const filters = v['filters'] as WireFilters | undefined;
  return {
    entityName: String(v['entityName']),
    indexName: String(v['indexName']),
    partition: Array.isArray(v['partition']) ? (v['partition'] as unknown[]) : [],
    ...(v['range'] !== undefined && v['range'] !== null ? { range: v['range'] as WireCondition } : {}),
    ...(filters !== undefined && filters !== null ? { filters } : {}),
    sort: v['sort'] === 'DESC' ? -1 : 1,
    limit: v['limit'],
    cursor: v['cursor'],
  };
};

/** The handler of each root field legacy storage sends. */
const ROOT_FIELDS: Readonly<Record<string, LegacyHandler>> = {
  appStoredEntity: (v, ctx) => {
    const { ns, key, secret } = untyped(v);
    return {
      mutates: false,
      operation: { surface: 'storage', name: secret ? 'get-secret' : 'get', key },
      apply: () => {
        const entry = ctx.store.get(ns, key, ctx.now());
        return fromStore(httpAnswer(200, { data: { appStoredEntity: { key, value: entry === undefined ? null : entry.value } } }));
      },
    };
  },
  setAppStoredEntity: (v, ctx) => {
    const input = asRecord(v['input']);
    const { ns, key, secret } = untyped(input);
    return {
      mutates: true,
      operation: { surface: 'storage', name: secret ? 'set-secret' : 'set', key, value: valueText(input['value']) },
      apply: () => {
        ctx.store.set(ns, key, input['value'], ctx.now());
        return fromStore(mutationOk('appStorage', 'setAppStoredEntity'));
      },
    };
  },
  deleteAppStoredEntity: (v, ctx) => {
    const { ns, key, secret } = untyped(asRecord(v['input']));
    return {
      mutates: true,
      operation: { surface: 'storage', name: secret ? 'delete-secret' : 'delete', key },
      apply: () => {
        ctx.store.delete(ns, key, ctx.now());
        return fromStore(mutationOk('appStorage', 'deleteAppStoredEntity'));
      },
    };
  },
  appStoredEntities: (v, ctx) => {
    // storage.query().where('key', startsWith(prefix)) sends { field, condition: 'STARTS_WITH', value }.
    const where = (Array.isArray(v['where']) ? (v['where'] as Record<string, unknown>[]) : []).map((w): WireCondition => ({
      property: String(w['field']),
      condition: w['condition'] === 'STARTS_WITH' ? 'BEGINS_WITH' : String(w['condition']),
      values: [w['value']],
    }));
    const text = [...where.map((w) => `${String(w.property)} ${describeCondition(w)}`), ...pagingText(v['limit'], v['cursor'])];
    const operation: Operation = { surface: 'storage', name: 'query', ...(text.length > 0 ? { target: text.join(' ') } : {}) };
    const condition = where[0];
    if (where.length > 1 || (condition !== undefined && (condition.property !== 'key' || condition.condition !== 'BEGINS_WITH'))) {
      return { mutates: false, operation, apply: () => fromStore(graphQlError('Only one startsWith condition on key is supported', 'BAD_REQUEST', 400)) };
    }
    return {
      mutates: false,
      operation,
      apply: () => {
        const page = keyQuery(ctx.store, ctx.now(), condition, { after: v['cursor'], limit: v['limit'], direction: 1 });
        if (page.kind === 'bad-cursor') return fromStore(badCursor);
        return fromStore(httpAnswer(200, { data: { appStoredEntities: { edges: edgesOf(page) } } }));
      },
    };
  },
  appStoredCustomEntity: (v, ctx) => {
    const entityName = String(v['entityName']);
    const key = String(v['key']);
    return {
      mutates: false,
      operation: { surface: 'storage', name: 'get', key: recordedKey(key, entityName) },
      apply: () => {
        const entry = ctx.store.get(`entity:${entityName}`, key, ctx.now());
        return fromStore(httpAnswer(200, { data: { appStoredCustomEntity: { key, entityName, value: entry === undefined ? null : entry.value } } }));
      },
    };
  },
  setAppStoredCustomEntity: (v, ctx) => {
    const input = asRecord(v['input']);
    const entityName = String(input['entityName']);
    const key = String(input['key']);
    return {
      mutates: true,
      operation: { surface: 'storage', name: 'set', key: recordedKey(key, entityName), value: valueText(input['value']) },
      apply: () => {
        ctx.store.set(`entity:${entityName}`, key, input['value'], ctx.now());
        return fromStore(mutationOk('appStorageCustomEntity', 'setAppStoredCustomEntity'));
      },
    };
  },
  deleteAppStoredCustomEntity: (v, ctx) => {
    const input = asRecord(v['input']);
    const entityName = String(input['entityName']);
    const key = String(input['key']);
    return {
      mutates: true,
      operation: { surface: 'storage', name: 'delete', key: recordedKey(key, entityName) },
      apply: () => {
        ctx.store.delete(`entity:${entityName}`, key, ctx.now());
        return fromStore(mutationOk('appStorageCustomEntity', 'deleteAppStoredCustomEntity'));
      },
    };
  },
  appStoredCustomEntities: (v, ctx) => {
    const args = entityArgs(v);
    const operation: Operation = { surface: 'storage', name: 'entity-query', target: describeEntityQuery(args) };
    const check = checkEntityQuery(args, ctx);
    switch (check.kind) {
      case 'unsupported':
        return { mutates: false, operation, unsupported: `legacy storage ${check.what}`, apply: () => fromStore(graphQlError(check.message)) };
      case 'bad-request':
        return { mutates: false, operation, apply: () => fromStore(graphQlError(check.message, check.code, 400)) };
      case 'index':
        return {
          mutates: false,
          operation,
          apply: () => {
            const page = runEntityQuery(args, check.index, ctx);
            if (page.kind === 'bad-cursor') return fromStore(badCursor);
            const edges = edgesOf(page);
            return fromStore(
              httpAnswer(200, {
                data: {
                  appStoredCustomEntities: {
                    edges,
                    pageInfo: { hasNextPage: page.cursor !== undefined, hasPreviousPage: args.cursor !== undefined && args.cursor !== null },
                    totalCount: edges.length,
                    cursor: page.cursor ?? null,
                  },
                },
              }),
            );
          },
        };
    }
  },
};

/** The root field a legacy storage query selects: the first field after the operation header and any namespace. */
const rootField = (query: string): string | undefined => {
  const body = query.replace(/^\s*(query|mutation)\b[^{]*\{/, '').replace(/^\s*(appStorage|appStorageCustomEntity)\s*\{/, '');
  return /^\s*(\w+)/.exec(body)?.[1];
};

/**
 * Parses one legacy storage request against the run's store.
 *
 * @example
 * prepareLegacyStorage(JSON.stringify(UntypedQueries.get('k', false)), ctx).operation // { surface: 'storage', name: 'get', key: 'k' }
 */
export const prepareLegacyStorage = (bodyText: string | undefined, ctx: KvsContext): PreparedRequest => {
  let body: { query?: unknown; variables?: unknown } = {};
  try {
    body = asRecord(JSON.parse(bodyText ?? '{}'));
  } catch {
    // An unparsable body falls through to the unsupported answer below.
  }
  const query = typeof body.query === 'string' ? body.query : '';
  const field = rootField(query) ?? 'unknown operation';
  const handler = ROOT_FIELDS[field];
  if (handler !== undefined) return handler(asRecord(body.variables), ctx);
  return {
    mutates: true,
    operation: { surface: 'storage', name: 'other', target: `${LEGACY_STORAGE_PATH} ${field}` },
    unsupported: `legacy storage ${field}`,
    apply: () => fromStore(graphQlError(`forge-retry-harness does not simulate the legacy storage operation ${field}`)),
  };
};

/** Legacy storage over the run's store. */
export const legacyStorageSimulator: SurfaceSimulator = {
  failure: serviceFailure(graphQlFailure),
  prepare: (request, ctx) => prepareLegacyStorage(request.body, { store: ctx.store, now: ctx.now, indexes: workingDirectoryIndexes }),
};
