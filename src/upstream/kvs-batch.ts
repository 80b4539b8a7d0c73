/**
 * The batch calls of @forge/kvs 1.6.5: `kvs.batchSet`, `batchGet` and `batchDelete` post an array of
 * `{ key, entityName?, value?, options? }` to `/api/v1/batch/{set,get,delete}` and get
 * `{ successfulKeys, failedKeys }` back, each failed key with `{ error: { code, message } }`. The
 * service runs the items in parallel and completes as many as it can; it fails the whole request when
 * there are no items, more than 25, or the same key twice (docs: "Executing batch operations").
 *
 * Partial failure: a planned 429 on a batch of two or more items fails the second half of its items
 * with `RATE_LIMIT_EXCEEDED` while the first half succeeds, the shape a throttled parallel batch takes;
 * a planned 5xx, or any failure of a single-item batch, fails it whole. `batchGet` lists a missing key
 * under `failedKeys` with `KEY_NOT_FOUND`, and `batchDelete` counts a missing key as deleted: the
 * service's choices there are not documented.
 */
import { renderValue } from '../../models/render-value.js';
import type { Operation } from '../../models/trace.js';
import { httpAnswer } from './answer.js';
import { asRecord, badRequest, entryBody, invalidKeyRequest, namespaceOf, recordedKey, ttlMs, type KvsContext, type KvsHandler } from './kvs-wire.js';
import { fromStore, type Applied, type PreparedRequest } from './prepared.js';

/** Most items one batch may hold. */
export const MAX_BATCH_ITEMS = 25;

const FAILURE_CODES: Readonly<Record<number, string>> = { 429: 'RATE_LIMIT_EXCEEDED' };

type Action = 'set' | 'get' | 'delete';

interface Item {
  readonly key: string;
  readonly entityName?: string;
  readonly raw: Record<string, unknown>;
}

const itemId = (item: Item): Record<string, string> => ({ key: item.key, ...(item.entityName !== undefined ? { entityName: item.entityName } : {}) });

const runItem = (action: Action, item: Item, ctx: KvsContext): { ok: Record<string, unknown> } | { failed: Record<string, unknown> } => {
  const ns = namespaceOf(item.entityName);
  const now = ctx.now();
  switch (action) {
    case 'set':
      ctx.store.set(ns, item.key, item.raw['value'], now, ttlMs(item.raw['options']));
      return { ok: itemId(item) };
    case 'delete':
      ctx.store.delete(ns, item.key, now);
      return { ok: itemId(item) };
    case 'get': {
      const entry = ctx.store.get(ns, item.key, now);
      if (entry === undefined) return { failed: { ...itemId(item), error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } } };
      return { ok: { ...itemId(item), ...entryBody(item.key, entry) } };
    }
  }
};

const run = (action: Action, items: readonly Item[], ctx: KvsContext, failFrom: number, code?: string): Applied => {
  const successfulKeys: Record<string, unknown>[] = [];
  const failedKeys: Record<string, unknown>[] = [];
  items.forEach((item, i) => {
    if (i >= failFrom && code !== undefined) {
      failedKeys.push({ ...itemId(item), error: { code, message: 'Rate limit exceeded (planned by forge-retry-harness)' } });
      return;
    }
    const result = runItem(action, item, ctx);
    if ('ok' in result) successfulKeys.push(result.ok);
    else failedKeys.push(result.failed);
  });
  const answer = fromStore(httpAnswer(200, { successfulKeys, failedKeys }));
  return code === undefined ? answer : { ...answer, partialFailure: { failed: items.length - failFrom, of: items.length, code } };
};

/**
 * The handler of one batch call.
 *
 * @example
 * batch('set')([{ key: 'a', value: 1 }, { key: 'b', value: 2 }], ctx, '/api/v1/batch/set').operation?.keys // ['a', 'b']
 */
export const batch =
  (action: Action): KvsHandler =>
  (raw, ctx): PreparedRequest => {
    const items: Item[] = (Array.isArray(raw) ? raw : []).map((r) => {
      const record = asRecord(r);
      const entityName = record['entityName'];
      return { key: String(record['key']), ...(entityName !== undefined && entityName !== null ? { entityName: String(entityName) } : {}), raw: record };
    });
    const keys = items.map((item) => recordedKey(item.key, item.entityName));
    const operation: Operation = {
      surface: 'kvs',
      name: `batch-${action}`,
      keys,
      target: renderValue(keys, 60),
    };
    if (items.length === 0) return badRequest(operation, 'EMPTY_BATCH', 'A batch needs at least one item');
    if (items.length > MAX_BATCH_ITEMS) return badRequest(operation, 'TOO_MANY_ITEMS', `A batch holds at most ${MAX_BATCH_ITEMS} items`);
    if (new Set(keys).size !== keys.length) return badRequest(operation, 'DUPLICATE_KEYS', 'A batch may name each key only once');
    // Whether the service fails the batch or only the bad item is not documented: the whole batch is refused (U).
    const invalid = invalidKeyRequest(
      operation,
      items.map((item) => ({ key: item.raw['key'], entity: item.entityName !== undefined })),
    );
    if (invalid !== undefined) return invalid;
    return {
      mutates: action !== 'get',
      operation,
      apply: () => run(action, items, ctx, items.length),
      plannedFailure: (status) => {
        const code = FAILURE_CODES[status];
        if (items.length < 2 || code === undefined) return undefined;
        return run(action, items, ctx, Math.ceil(items.length / 2), code);
      },
    };
  };
