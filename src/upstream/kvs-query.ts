/**
 * The queries of @forge/kvs 1.6.5: `kvs.query()` (`/api/v1/query` `{ limit, after, where, options }`
 * -> `{ data, cursor? }`, plain keys only, `where` at most one `BEGINS_WITH` on `key`) and
 * `kvs.entity(name).query().index(...)` (`/api/v1/entity/query` `{ entityName, indexName, partition?,
 * range?, filters?, sort?, cursor?, limit? }`). Results come in index order: keys ascending for
 * `kvs.query()`, the range attributes then the key for an entity index (descending with `sort: 'DESC'`).
 * `limit` defaults to 10 and is capped at 100, as the docs say for kvs.query; a cursor is returned only
 * while more results remain, and it names the last result, so a page is stable when earlier entries
 * change. Cursors are opaque (the docs warn they are not stable across releases): a malformed one is a
 * 400 `INVALID_CURSOR`, a code the harness chose.
 */
import { renderValue } from '../../models/render-value.js';
import type { Operation } from '../../models/trace.js';
import { httpAnswer } from './answer.js';
import { compareSortValues, satisfies, satisfiesFilters, unknownConditions, type WireCondition, type WireFilters } from './kvs-conditions.js';
import { asRecord, badRequest, kvsError, metadataFields, type KvsHandler } from './kvs-wire.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import type { StoredEntry } from './store.js';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/** One candidate result with the tuple it is ordered (and paged) by. */
interface Row {
  readonly key: string;
  readonly entry: StoredEntry;
  readonly order: readonly unknown[];
}

const encodeCursor = (order: readonly unknown[]): string => Buffer.from(JSON.stringify(order)).toString('base64url');

const decodeCursor = (cursor: string): unknown[] | undefined => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

const compareOrder = (a: readonly unknown[], b: readonly unknown[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareSortValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
};

const limitOf = (raw: unknown): number => (typeof raw === 'number' && raw > 0 ? Math.min(Math.floor(raw), MAX_LIMIT) : DEFAULT_LIMIT);

/** One page of rows, sorted in `direction`, starting after `cursor`. */
const page = (rows: Row[], direction: 1 | -1, cursor: unknown, limit: number, fields: readonly string[]) => {
  const sorted = rows.sort((a, b) => direction * compareOrder(a.order, b.order));
  const after = typeof cursor === 'string' && cursor.length > 0 ? decodeCursor(cursor) : undefined;
  if (typeof cursor === 'string' && cursor.length > 0 && after === undefined) return fromStore(kvsError(400, 'INVALID_CURSOR', 'The cursor is not one this query returned'));
  const rest = after === undefined ? sorted : sorted.filter((r) => direction * compareOrder(r.order, after) > 0);
  const shown = rest.slice(0, limit);
  const data = shown.map((r) => ({
    key: r.key,
    value: r.entry.value,
    ...(fields.includes('EXPIRE_TIME') && r.entry.expireTime !== undefined ? { expireTime: new Date(r.entry.expireTime).toISOString() } : {}),
    ...(fields.includes('CREATED_AT') ? { createdAt: r.entry.createdAt } : {}),
    ...(fields.includes('UPDATED_AT') ? { updatedAt: r.entry.updatedAt } : {}),
  }));
  const last = shown.at(-1);
  return fromStore(httpAnswer(200, { data, ...(rest.length > shown.length && last !== undefined ? { cursor: encodeCursor(last.order) } : {}) }));
};

const describeCondition = (c: WireCondition): string => `${String(c.condition).toLowerCase()} ${(c.values ?? []).map((v) => renderValue(v, 30)).join(' and ')}`;

const pagingText = (body: Record<string, unknown>, cursorField: string): string[] => [
  ...(body['limit'] !== undefined ? [`limit ${renderValue(body['limit'])}`] : []),
  ...(body[cursorField] !== undefined ? ['after cursor'] : []),
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
  const text = [...where.map((w) => `${String(w.property)} ${describeCondition(w)}`), ...pagingText(body, 'after')];
  const operation: Operation = { surface: 'kvs', name: 'query', ...(text.length > 0 ? { target: text.join(' ') } : {}) };
  if (where.length > 1) return badRequest(operation, 'INVALID_WHERE', 'A query takes at most one where condition');
  const condition = where[0];
  if (condition !== undefined && (condition.property !== 'key' || condition.condition !== 'BEGINS_WITH')) {
    return badRequest(operation, 'INVALID_WHERE', 'The key-value store supports only a BEGINS_WITH condition on key');
  }
  return {
    mutates: false,
    operation,
    apply: () => {
      const rows = ctx.store
        .entries('kv', ctx.now())
        .filter(([key]) => condition === undefined || satisfies(key, condition))
        .map(([key, entry]): Row => ({ key, entry, order: [key] }));
      return page(rows, 1, body['after'], limitOf(body['limit']), metadataFields(body['options']));
    },
  };
};

/**
 * `kvs.entity(name).query().index(...)`.
 *
 * @example
 * entityQuery({ entityName: 'task', indexName: 'status', range: { condition: 'EQUAL_TO', values: ['open'] } }, ctx, '/api/v1/entity/query')
 */
export const entityQuery: KvsHandler = (raw, ctx): PreparedRequest => {
  const body = asRecord(raw);
  const entityName = String(body['entityName']);
  const indexName = String(body['indexName']);
  const range = body['range'] as WireCondition | undefined;
  const filters = body['filters'] as WireFilters | undefined;
  const partition = Array.isArray(body['partition']) ? (body['partition'] as unknown[]) : [];
  const sort = body['sort'] === 'DESC' ? -1 : 1;
  const text = [
    `${entityName} index ${indexName}`,
    ...(partition.length > 0 ? [`partition ${renderValue(partition, 40)}`] : []),
    ...(range !== undefined ? [describeCondition(range)] : []),
    ...(filters !== undefined ? ['with filters'] : []),
    ...(sort === -1 ? ['DESC'] : []),
    ...pagingText(body, 'cursor'),
  ];
  const operation: Operation = { surface: 'kvs', name: 'entity-query', target: text.join(' ') };
  const index = ctx.indexes(entityName, indexName);
  if ('unknown' in index) {
    return {
      mutates: false,
      operation,
      unsupported: `@forge/kvs entity query on ${index.unknown}`,
      apply: () => fromStore(kvsError(400, 'INDEX_NOT_FOUND', `The harness does not know the ${index.unknown}`)),
    };
  }
  if (index.partition.length !== partition.length) {
    return badRequest(operation, 'INVALID_PARTITION', `Index ${indexName} of ${entityName} is partitioned by ${index.partition.join(', ') || 'nothing'}: pass one partition value for each`);
  }
  const unknown = [...(range !== undefined ? unknownConditions({ and: [range] }) : []), ...unknownConditions(filters)];
  if (unknown.length > 0) {
    return {
      mutates: false,
      operation,
      unsupported: `@forge/kvs entity query condition ${unknown.join(', ')}`,
      apply: () => fromStore(kvsError(400, 'INVALID_CONDITION', `forge-retry-harness does not know the condition ${unknown.join(', ')}`)),
    };
  }
  return {
    mutates: false,
    operation,
    apply: () => {
      const rangeAttribute = index.range[0];
      const rows = ctx.store
        .entries(`entity:${entityName}`, ctx.now())
        .filter(([, entry]) => {
          const attributes = asRecord(entry.value);
          // A sparse index, as on Forge: an entity without the index's attributes is not in it.
          if ([...index.partition, ...index.range].some((a) => attributes[a] === undefined)) return false;
          if (index.partition.some((a, i) => compareSortValues(attributes[a], partition[i]) !== 0)) return false;
          if (range !== undefined && rangeAttribute !== undefined && !satisfies(attributes[rangeAttribute], range)) return false;
          return satisfiesFilters(attributes, filters);
        })
        .map(([key, entry]): Row => ({ key, entry, order: [...index.range.map((a) => asRecord(entry.value)[a]), key] }));
      return page(rows, sort, body['cursor'], limitOf(body['limit']), metadataFields(body['options']));
    },
  };
};
