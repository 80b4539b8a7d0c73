/**
 * `kvs.transact()` of @forge/kvs 1.6.5: `execute()` posts `{ set?, delete?, check? }` to
 * `/api/v1/transaction` (transaction-api.js, utils/transaction-request-builder.js), each item
 * `{ key, entityName?, conditions?, value?, options? }`, conditions as `{ and: [...] }` or
 * `{ or: [...] }`. All operations commit or none does. The service refuses an empty transaction, more
 * than 25 operations and a key used twice (docs: "Transactions"). A condition is evaluated on the stored
 * custom entity (missing attributes are missing, so `notExists` holds for a new key); a `check` also
 * needs the entity to exist. A failed condition cancels the whole transaction with 409
 * `CONDITIONAL_CHECK_FAILED` (the status is the harness's choice; the code is the one handlers test).
 *
 * A transaction is recorded as one effect identified by the keys it writes; one that would write what
 * is already stored changes nothing and is recorded as not applied.
 */
import { renderValue } from '../../models/render-value.js';
import type { Operation } from '../../models/trace.js';
import { httpAnswer } from './answer.js';
import { satisfiesFilters, unknownConditions, type WireFilters } from './kvs-conditions.js';
import { asRecord, badRequest, invalidKeyRequest, kvsError, namespaceOf, recordedKey, sameValue, ttlMs, type KvsContext, type KvsHandler } from './kvs-wire.js';
import { fromStore, type Applied, type PreparedRequest } from './prepared.js';

/** Most operations one transaction may hold. */
export const MAX_TRANSACTION_OPERATIONS = 25;

type Kind = 'set' | 'delete' | 'check';

interface Step {
  readonly kind: Kind;
  readonly key: string;
  readonly entityName?: unknown;
  readonly conditions?: WireFilters;
  readonly raw: Record<string, unknown>;
}

const stepsOf = (body: Record<string, unknown>): Step[] =>
  (['set', 'delete', 'check'] as const).flatMap((kind) =>
    (Array.isArray(body[kind]) ? (body[kind] as unknown[]) : []).map((r): Step => {
      const raw = asRecord(r);
      return {
        kind,
        key: String(raw['key']),
        ...(raw['entityName'] !== undefined && raw['entityName'] !== null ? { entityName: raw['entityName'] } : {}),
        ...(raw['conditions'] !== undefined && raw['conditions'] !== null ? { conditions: raw['conditions'] as WireFilters } : {}),
        raw,
      };
    }),
  );

const failedCondition = (steps: readonly Step[], ctx: KvsContext): Step | undefined =>
  steps.find((s) => {
    if (s.conditions === undefined && s.kind !== 'check') return false;
    const entry = ctx.store.get(namespaceOf(s.entityName), s.key, ctx.now());
    if (s.kind === 'check' && entry === undefined) return true;
    return !satisfiesFilters(asRecord(entry?.value), s.conditions);
  });

const commit = (steps: readonly Step[], ctx: KvsContext): Applied => {
  const now = ctx.now();
  let changed = false;
  for (const s of steps) {
    const ns = namespaceOf(s.entityName);
    const before = ctx.store.get(ns, s.key, now);
    if (s.kind === 'set') {
      if (before === undefined || !sameValue(before.value, s.raw['value'])) changed = true;
      ctx.store.set(ns, s.key, s.raw['value'], now, ttlMs(s.raw['options']));
    } else if (s.kind === 'delete') {
      if (before !== undefined) changed = true;
      ctx.store.delete(ns, s.key, now);
    }
  }
  return fromStore(httpAnswer(204), changed);
};

const describeSteps = (steps: readonly Step[]): string =>
  (['set', 'delete', 'check'] as const)
    .flatMap((kind) => {
      const keys = steps.filter((s) => s.kind === kind).map((s) => renderValue(recordedKey(s.key, s.entityName), 40));
      return keys.length === 0 ? [] : [`${kind} ${keys.join(', ')}`];
    })
    .join('; ');

/**
 * `kvs.transact().execute()`.
 *
 * @example
 * transaction({ set: [{ key: 'a', value: 1 }] }, ctx, '/api/v1/transaction').operation // { surface: 'kvs', name: 'transact', keys: ['a'], target: 'set "a"' }
 */
export const transaction: KvsHandler = (raw, ctx): PreparedRequest => {
  const steps = stepsOf(asRecord(raw));
  const written = steps.filter((s) => s.kind !== 'check').map((s) => recordedKey(s.key, s.entityName));
  const operation: Operation = { surface: 'kvs', name: 'transact', keys: written, target: describeSteps(steps) };
  const all = steps.map((s) => recordedKey(s.key, s.entityName));
  if (steps.length === 0) return badRequest(operation, 'EMPTY_TRANSACTION', 'A transaction needs at least one operation');
  if (steps.length > MAX_TRANSACTION_OPERATIONS)
    return badRequest(operation, 'TOO_MANY_OPERATIONS', `A transaction holds at most ${MAX_TRANSACTION_OPERATIONS} operations`);
  if (new Set(all).size !== all.length) return badRequest(operation, 'DUPLICATE_KEYS', 'A transaction may use each key only once');
  const invalid = invalidKeyRequest(
    operation,
    steps.map((s) => ({ key: s.raw['key'], entity: s.entityName !== undefined })),
  );
  if (invalid !== undefined) return invalid;
  const unknown = steps.flatMap((s) => unknownConditions(s.conditions));
  if (unknown.length > 0) {
    return {
      mutates: true,
      operation,
      unsupported: `@forge/kvs transaction condition ${unknown.join(', ')}`,
      apply: () => fromStore(kvsError(400, 'INVALID_CONDITION', `forge-retry-harness does not know the condition ${unknown.join(', ')}`)),
    };
  }
  return {
    mutates: true,
    operation,
    apply: () => {
      const failed = failedCondition(steps, ctx);
      if (failed !== undefined) {
        const what = failed.kind === 'check' ? 'check' : `${failed.kind} condition`;
        return fromStore(kvsError(409, 'CONDITIONAL_CHECK_FAILED', `Transaction cancelled: the ${what} on key ${failed.key} failed`));
      }
      return commit(steps, ctx);
    },
  };
};
