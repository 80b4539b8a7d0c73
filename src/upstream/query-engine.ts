/**
 * Queries over the run's store, shared by @forge/kvs (`kvs.query()`, `kvs.entity(name).query()`) and
 * legacy storage (`storage.query()`, `storage.entity(name).query()`), which reach the same data on
 * Forge. Results come in index order: keys ascending for key queries, the index's range attributes then
 * the key for an entity index (reversed with `DESC`). `limit` defaults to 10 and is capped at 100, as
 * the docs say for kvs.query. A cursor names the last result of a page, so the next page is stable when
 * earlier entries change; it is opaque (the docs warn cursors are not stable across releases).
 */
import { compareSortValues, satisfies, satisfiesFilters, type WireCondition, type WireFilters } from './kvs-conditions.js';
import type { EntityIndex } from './entity-indexes.js';
import type { KeyValueStore, StoredEntry } from './store.js';

/** A query's default page size. */
export const DEFAULT_LIMIT = 10;
/** The largest page a query returns. */
export const MAX_LIMIT = 100;

/** One result with the tuple it is ordered, and paged, by. */
export interface Row {
  readonly key: string;
  readonly entry: StoredEntry;
  readonly order: readonly unknown[];
}

/** One page of results. `cursor` is set when more remain. */
export type Page = { readonly kind: 'page'; readonly rows: readonly Row[]; readonly cursor?: string } | { readonly kind: 'bad-cursor' };

/** Paging of a query. */
export interface Paging {
  readonly after: unknown;
  readonly limit: unknown;
  readonly direction: 1 | -1;
}

/**
 * The cursor that resumes after a row.
 *
 * @example
 * cursorOf({ key: 'a', entry, order: ['a'] }) // 'WyJhIl0'
 */
export const cursorOf = (row: Row): string => Buffer.from(JSON.stringify(row.order)).toString('base64url');

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

const pageOf = (rows: Row[], paging: Paging): Page => {
  const { direction } = paging;
  const sorted = rows.sort((a, b) => direction * compareOrder(a.order, b.order));
  const given = typeof paging.after === 'string' && paging.after.length > 0 ? paging.after : undefined;
  const after = given === undefined ? undefined : decodeCursor(given);
  if (given !== undefined && after === undefined) return { kind: 'bad-cursor' };
  const rest = after === undefined ? sorted : sorted.filter((r) => direction * compareOrder(r.order, after) > 0);
  const shown = rest.slice(0, limitOf(paging.limit));
  const last = shown.at(-1);
  return { kind: 'page', rows: shown, ...(rest.length > shown.length && last !== undefined ? { cursor: cursorOf(last) } : {}) };
};

/**
 * A page of plain keys, optionally those that begin with a prefix.
 *
 * @example
 * keyQuery(store, now, { condition: 'BEGINS_WITH', values: ['job:'] }, { after: undefined, limit: 5, direction: 1 })
 */
export const keyQuery = (store: KeyValueStore, now: number, condition: WireCondition | undefined, paging: Paging): Page =>
  pageOf(
    store
      .entries('kv', now)
      .filter(([key]) => condition === undefined || satisfies(key, condition))
      .map(([key, entry]) => ({ key, entry, order: [key] })),
    paging,
  );

/** What an entity query selects. */
export interface EntitySelection {
  readonly entityName: string;
  readonly index: EntityIndex;
  readonly partition: readonly unknown[];
  readonly range?: WireCondition;
  readonly filters?: WireFilters;
}

/**
 * A page of custom entities through one of their indexes. The index is sparse, as on Forge: an entity
 * without one of the index's attributes is not in it.
 *
 * @example
 * entitySelect(store, now, { entityName: 'task', index, partition: [] }, { after: undefined, limit: 10, direction: -1 })
 */
export const entitySelect = (store: KeyValueStore, now: number, s: EntitySelection, paging: Paging): Page => {
  const { partition, range } = s.index;
  const rangeAttribute = range[0];
  const attributesOf = (entry: StoredEntry): Record<string, unknown> =>
    entry.value !== null && typeof entry.value === 'object' ? (entry.value as Record<string, unknown>) : {};
  const rows = store
    .entries(`entity:${s.entityName}`, now)
    .filter(([, entry]) => {
      const attributes = attributesOf(entry);
      if ([...partition, ...range].some((a) => attributes[a] === undefined)) return false;
      if (partition.some((a, i) => compareSortValues(attributes[a], s.partition[i]) !== 0)) return false;
      if (s.range !== undefined && rangeAttribute !== undefined && !satisfies(attributes[rangeAttribute], s.range)) return false;
      return satisfiesFilters(attributes, s.filters);
    })
    .map(([key, entry]) => ({ key, entry, order: [...range.map((a) => attributesOf(entry)[a]), key] }));
  return pageOf(rows, paging);
};
