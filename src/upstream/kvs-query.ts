/**
 * The queries of @forge/kvs 1.6.5 on the wire: `kvs.query()` posts `/api/v1/query`
 * `{ limit, after, where, options }` and gets `{ data, cursor? }` (plain keys only; `where` at most one
 * `BEGINS_WITH` on `key`, query.js); `kvs.entity(name).query().index(name, { partition })` posts
 * `/api/v1/entity/query` `{ entityName, indexName, partition?, range?, filters?, sort?, cursor?, limit? }`
 * (entity-query.js). Order, limits and cursors are the query engine's; a malformed cursor is a 400
 * `INVALID_CURSOR`, a code the harness chose.
 */
import { cutText, renderValue } from '../../models/render-value.js';
import type { Operation } from '../../models/trace.js';
import { httpAnswer } from './answer.js';
import { unknownConditions, type WireCondition, type WireFilters } from './kvs-conditions.js';
import { asRecord, badRequest, kvsError, metadataFields, type KvsContext, type KvsHandler } from './kvs-wire.js';
import { fromStore, type Applied, type PreparedRequest } from './prepared.js';
import { entitySelect, keyQuery, type Page } from './query-engine.js';
import type { EntityIndex } from './entity-indexes.js';

const answerOf = (page: Page, options: unknown): Applied => {
  if (page.kind === 'bad-cursor') return fromStore(kvsError(400, 'INVALID_CURSOR', 'The cursor is not one this query returned'));
  const fields = metadataFields(options);
  const data = page.rows.map(({ key, entry }) => ({
    key,
    value: entry.value,
    ...(fields.includes('EXPIRE_TIME') && entry.expireTime !== undefined ? { expireTime: new Date(entry.expireTime).toISOString() } : {}),
    ...(fields.includes('CREATED_AT') ? { createdAt: entry.createdAt } : {}),
    ...(fields.includes('UPDATED_AT') ? { updatedAt: entry.updatedAt } : {}),
  }));
  return fromStore(httpAnswer(200, { data, ...(page.cursor !== undefined ? { cursor: page.cursor } : {}) }));
};

/**
 * A condition as a timeline shows it.
 *
 * @example
 * describeCondition({ condition: 'BEGINS_WITH', values: ['job:'] }) // 'begins_with "job:"'
 */
export const describeCondition = (c: WireCondition): string =>
  `${String(c.condition).toLowerCase()} ${(c.values ?? []).map((v) => renderValue(v, 30)).join(' and ')}`;

/**
 * The paging part of a query's description.
 *
 * @example
 * pagingText(10, 'WyJhIl0') // ['limit 10', 'after WyJhIl0']
 */
export const pagingText = (limit: unknown, cursor: unknown): string[] => [
  ...(limit !== undefined && limit !== null ? [`limit ${renderValue(limit)}`] : []),
  ...(cursor !== undefined && cursor !== null ? [`after ${cutText(String(cursor), 16)}`] : []),
];

/**
 * `kvs.query()`.
 *
 * @example
 * kvsQuery({ where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['job:'] }], limit: 5 }, ctx, '/api/v1/query').operation?.target
 * // 'key begins_with "job:" limit 5'
 */
export const kvsQuery: KvsHandler = (raw, ctx): PreparedRequest => {
  const body = asRecord(raw);
  const where = Array.isArray(body['where']) ? (body['where'] as WireCondition[]) : [];
  const text = [...where.map((w) => `${String(w.property)} ${describeCondition(w)}`), ...pagingText(body['limit'], body['after'])];
  const operation: Operation = { surface: 'kvs', name: 'query', ...(text.length > 0 ? { target: text.join(' ') } : {}) };
  if (where.length > 1) return badRequest(operation, 'INVALID_WHERE', 'A query takes at most one where condition');
  const condition = where[0];
  if (condition !== undefined && (condition.property !== 'key' || condition.condition !== 'BEGINS_WITH')) {
    return badRequest(operation, 'INVALID_WHERE', 'The key-value store supports only a BEGINS_WITH condition on key');
  }
  return {
    mutates: false,
    operation,
    apply: () => answerOf(keyQuery(ctx.store, ctx.now(), condition, { after: body['after'], limit: body['limit'], direction: 1 }), body['options']),
  };
};

/** An entity query's arguments, as both @forge/kvs and legacy storage send them. */
export interface EntityQueryArgs {
  readonly entityName: string;
  readonly indexName: string;
  readonly partition: readonly unknown[];
  readonly range?: WireCondition;
  readonly filters?: WireFilters;
  readonly sort: 1 | -1;
  readonly limit: unknown;
  readonly cursor: unknown;
}

/**
 * How an entity query reads in a timeline.
 *
 * @example
 * describeEntityQuery(args) // 'task index status equal_to "open" DESC limit 5'
 */
export const describeEntityQuery = (a: EntityQueryArgs): string =>
  [
    `${a.entityName} index ${a.indexName}`,
    ...(a.partition.length > 0 ? [`partition ${renderValue(a.partition, 40)}`] : []),
    ...(a.range !== undefined ? [describeCondition(a.range)] : []),
    ...(a.filters !== undefined ? ['with filters'] : []),
    ...(a.sort === -1 ? ['DESC'] : []),
    ...pagingText(a.limit, a.cursor),
  ].join(' ');

/** Why an entity query cannot be answered, or the index it runs on. */
export type EntityQueryCheck =
  | { readonly kind: 'index'; readonly index: EntityIndex }
  | { readonly kind: 'unsupported'; readonly what: string; readonly message: string }
  | { readonly kind: 'bad-request'; readonly code: string; readonly message: string };

/**
 * Resolves an entity query's index and checks its arguments.
 *
 * @example
 * checkEntityQuery(args, ctx).kind // 'index'
 */
export const checkEntityQuery = (a: EntityQueryArgs, ctx: Pick<KvsContext, 'indexes'>): EntityQueryCheck => {
  const index = ctx.indexes(a.entityName, a.indexName);
  if ('unknown' in index) return { kind: 'unsupported', what: `entity query on ${index.unknown}`, message: `The harness does not know the ${index.unknown}` };
  if (index.partition.length !== a.partition.length) {
    return {
      kind: 'bad-request',
      code: 'INVALID_PARTITION',
      message: `Index ${a.indexName} of ${a.entityName} is partitioned by ${index.partition.join(', ') || 'nothing'}: pass one partition value for each`,
    };
  }
  const unknown = [...(a.range !== undefined ? unknownConditions({ and: [a.range] }) : []), ...unknownConditions(a.filters)];
  if (unknown.length > 0)
    return {
      kind: 'unsupported',
      what: `entity query condition ${unknown.join(', ')}`,
      message: `forge-retry-harness does not know the condition ${unknown.join(', ')}`,
    };
  return { kind: 'index', index };
};

/**
 * Runs a checked entity query.
 *
 * @example
 * runEntityQuery(args, index, ctx).kind // 'page'
 */
export const runEntityQuery = (a: EntityQueryArgs, index: EntityIndex, ctx: KvsContext): Page =>
  entitySelect(
    ctx.store,
    ctx.now(),
    {
      entityName: a.entityName,
      index,
      partition: a.partition,
      ...(a.range !== undefined ? { range: a.range } : {}),
      ...(a.filters !== undefined ? { filters: a.filters } : {}),
    },
    { after: a.cursor, limit: a.limit, direction: a.sort },
  );

/**
 * `kvs.entity(name).query().index(...)`.
 *
 * @example
 * entityQuery({ entityName: 'task', indexName: 'status', range: { condition: 'EQUAL_TO', values: ['open'] } }, ctx, '/api/v1/entity/query')
 */
export const entityQuery: KvsHandler = (raw, ctx): PreparedRequest => {
  const body = asRecord(raw);
  const args: EntityQueryArgs = {
    entityName: String(body['entityName']),
    indexName: String(body['indexName']),
    partition: Array.isArray(body['partition']) ? (body['partition'] as unknown[]) : [],
    ...(body['range'] !== undefined ? { range: body['range'] as WireCondition } : {}),
    ...(body['filters'] !== undefined ? { filters: body['filters'] as WireFilters } : {}),
    sort: body['sort'] === 'DESC' ? -1 : 1,
    limit: body['limit'],
    cursor: body['cursor'],
  };
  const operation: Operation = { surface: 'kvs', name: 'entity-query', target: describeEntityQuery(args) };
  const check = checkEntityQuery(args, ctx);
  switch (check.kind) {
    case 'unsupported':
      return {
        mutates: false,
        operation,
        unsupported: `@forge/kvs ${check.what}`,
        apply: () => fromStore(kvsError(400, 'UNSUPPORTED_BY_HARNESS', check.message)),
      };
    case 'bad-request':
      return badRequest(operation, check.code, check.message);
    case 'index':
      return { mutates: false, operation, apply: () => answerOf(runEntityQuery(args, check.index, ctx), body['options']) };
  }
};
