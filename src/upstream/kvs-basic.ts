/**
 * The single-key calls of @forge/kvs 1.6.5: `get`, `set` and `delete`, and their secret and custom
 * entity forms (`/api/v1[/secret|/entity]/{get,set,delete}`). `get` and `delete` answer a missing
 * key with 404 `KEY_NOT_FOUND`, which the SDK turns into `undefined`; a `set` with
 * `keyPolicy: 'FAIL_IF_EXISTS'` on an existing key answers 409 `KEY_CONFLICT` (Forge REST API, KVS
 * group; docs/platform.md "Key-value store"); `returnValue` asks for the previous or the new entry. A
 * key that breaks the service's rules answers 400 with the service's code (`KVS_KEY_RULES`).
 */
import type { Operation } from '../../models/trace.js';
import { httpAnswer, type HttpAnswer } from './answer.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import type { Namespace } from './store.js';
import { asRecord, entryBody, invalidKeyRequest, kvsError, recordedKey, ttlMs, valueText, type KvsContext, type KvsHandler } from './kvs-wire.js';

/** Which key space a single-key call works in. */
export type KeySpace = 'plain' | 'secret' | 'entity';

const NAMES = {
  plain: { get: 'get', set: 'set', delete: 'delete' },
  secret: { get: 'get-secret', set: 'set-secret', delete: 'delete-secret' },
  entity: { get: 'get', set: 'set', delete: 'delete' },
} as const;

interface Target {
  readonly ns: Namespace;
  readonly key: string;
  readonly operation: (action: 'get' | 'set' | 'delete', value?: string) => Operation;
}

const targetOf = (space: KeySpace, body: Record<string, unknown>): Target => {
  const key = String(body['key']);
  const entity = space === 'entity' ? body['entityName'] : undefined;
  const ns: Namespace = space === 'secret' ? 'secret' : space === 'entity' ? `entity:${String(entity)}` : 'kv';
  return {
    ns,
    key,
    operation: (action, value) => ({ surface: 'kvs', name: NAMES[space][action], key: recordedKey(key, entity), ...(value !== undefined ? { value } : {}) }),
  };
};

const applySet = (ctx: KvsContext, t: Target, body: Record<string, unknown>): HttpAnswer => {
  const options = asRecord(body['options']);
  const now = ctx.now();
  const previous = ctx.store.get(t.ns, t.key, now);
  if (options['keyPolicy'] === 'FAIL_IF_EXISTS' && previous !== undefined) {
    return kvsError(409, 'KEY_CONFLICT', `The key ${t.key} already exists and the key policy is FAIL_IF_EXISTS`);
  }
  const entry = ctx.store.set(t.ns, t.key, body['value'], now, ttlMs(options));
  if ('returnValue' in options) {
    if (options['returnValue'] === 'PREVIOUS') return previous === undefined ? httpAnswer(204) : httpAnswer(200, entryBody(t.key, previous));
    return httpAnswer(200, entryBody(t.key, entry));
  }
  return httpAnswer(204);
};

/**
 * The handler of one single-key call.
 *
 * @example
 * singleKey('plain', 'get')({ key: 'k' }, ctx, '/api/v1/get').operation // { surface: 'kvs', name: 'get', key: 'k' }
 */
export const singleKey =
  (space: KeySpace, action: 'get' | 'set' | 'delete'): KvsHandler =>
  (raw, ctx) => {
    const body = asRecord(raw);
    const t = targetOf(space, body);
    const invalid = invalidKeyRequest(t.operation(action, action === 'set' ? valueText(body['value']) : undefined), [
      { key: body['key'], entity: space === 'entity' },
    ]);
    if (invalid !== undefined) return invalid;
    switch (action) {
      case 'get':
        return {
          mutates: false,
          operation: t.operation('get'),
          apply: () => {
            const entry = ctx.store.get(t.ns, t.key, ctx.now());
            return fromStore(entry === undefined ? kvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist') : httpAnswer(200, entryBody(t.key, entry)));
          },
        };
      case 'set':
        return { mutates: true, operation: t.operation('set', valueText(body['value'])), apply: () => fromStore(applySet(ctx, t, body)) };
      case 'delete':
        return {
          mutates: true,
          operation: t.operation('delete'),
          apply: (): ReturnType<PreparedRequest['apply']> => {
            ctx.store.delete(t.ns, t.key, ctx.now());
            return fromStore(httpAnswer(204));
          },
        };
    }
  };
