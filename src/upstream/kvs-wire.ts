/**
 * What every @forge/kvs 1.6.5 call shares on the wire (read in node_modules/@forge/kvs/out:
 * storage-api.js, utils/error-handling.js): a JSON body in, a JSON body or nothing out, errors as
 * non-2xx `{ code, message }` that the SDK turns into `ForgeKvsAPIError` with that code.
 */
import type { Operation } from '../../models/trace.js';
import { httpAnswer, type HttpAnswer } from './answer.js';
import type { EntityIndexes } from './entity-indexes.js';
import type { PreparedRequest } from './prepared.js';
import { fromStore } from './prepared.js';
import type { KeyValueStore, Namespace, StoredEntry } from './store.js';

/** What a KVS request handler may use. */
export interface KvsContext {
  readonly store: KeyValueStore;
  readonly now: () => number;
  readonly indexes: EntityIndexes;
}

/** Parses one request body for one KVS path. */
export type KvsHandler = (body: unknown, ctx: KvsContext, path: string) => PreparedRequest;

/**
 * A KVS error answer.
 *
 * @example
 * kvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist').status // 404
 */
export const kvsError = (status: number, code: string, message: string): HttpAnswer => httpAnswer(status, { code, message });

/**
 * A request the service refuses before doing anything (a malformed body, too many items).
 *
 * @example
 * badRequest(operation, 'MAX_ITEMS', 'A batch holds at most 25 items').mutates // false
 */
export const badRequest = (operation: Operation, code: string, message: string): PreparedRequest => ({
  mutates: false,
  operation,
  apply: () => fromStore(kvsError(400, code, message)),
});

/**
 * The service's key rules (docs/platform.md "Key-value store", from Atlassian's "Error handling for the
 * Key-Value Store" and "... for the Custom Entity Store" pages): at most 500 characters, matching
 * `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/` (letters, digits, `:` `.` `_` `-` `#` and whitespace, not only
 * whitespace). The SDK checks nothing itself, so a bad key is a 400 from the service.
 */
export const KVS_KEY_RULES = { maxLength: 500, pattern: /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/ } as const;

/**
 * What the service answers a key that breaks its rules, or undefined for a valid key. An empty key is
 * `KEY_TOO_SHORT` in the KVS and `EMPTY_KEY` for a custom entity, as each page lists; the KVS page's
 * "needs to be more than one character" is read as "not empty" (a one-character key passes), so that
 * no correct handler is refused on an ambiguous reading.
 *
 * @example
 * keyProblem('issue/10001', false) // { code: 'INVALID_KEY', message: ... }
 */
export const keyProblem = (key: unknown, entity: boolean): { readonly code: string; readonly message: string } | undefined => {
  const text = typeof key === 'string' ? key : '';
  if (text.length === 0)
    return entity
      ? { code: 'EMPTY_KEY', message: 'Key cannot be empty.' }
      : { code: 'KEY_TOO_SHORT', message: 'The provided key needs to be more than one character.' };
  if (text.length > KVS_KEY_RULES.maxLength)
    return { code: 'KEY_TOO_LONG', message: `The provided key has exceeded the maximum ${KVS_KEY_RULES.maxLength} characters.` };
  if (!KVS_KEY_RULES.pattern.test(text)) return { code: 'INVALID_KEY', message: `The provided key does not match the regex: ${String(KVS_KEY_RULES.pattern)}` };
  return undefined;
};

/**
 * The first invalid key among `keys`, as the 400 the service answers, or undefined when all are valid.
 *
 * @example
 * invalidKeyRequest(operation, [{ key: 'a/b', entity: false }])?.mutates // false
 */
export const invalidKeyRequest = (operation: Operation, keys: readonly { readonly key: unknown; readonly entity: boolean }[]): PreparedRequest | undefined => {
  for (const k of keys) {
    const problem = keyProblem(k.key, k.entity);
    if (problem !== undefined) return badRequest(operation, problem.code, problem.message);
  }
  return undefined;
};

/** The namespace of a plain, secret or entity key. */
export const namespaceOf = (entityName: unknown): Namespace => (entityName === undefined || entityName === null ? 'kv' : `entity:${String(entityName)}`);

/**
 * A key as operations record it: custom entities fold their name in, so dedup judgments see it.
 *
 * @example
 * recordedKey('k', 'employee') // 'entity:employee:k'
 */
export const recordedKey = (key: string, entityName?: unknown): string =>
  entityName === undefined || entityName === null ? key : `entity:${String(entityName)}:${key}`;

/** The metadata fields a request asked for. */
export const metadataFields = (options: unknown): readonly string[] => {
  const fields = (options as { metadataFields?: unknown } | undefined)?.metadataFields;
  return Array.isArray(fields) ? fields.map(String) : [];
};

/**
 * A stored entry as the service returns it: key and value, plus the metadata the service sends
 * (the SDK keeps only the fields the caller asked for).
 *
 * @example
 * entryBody('k', entry) // { key: 'k', value: 1, createdAt: ..., updatedAt: ... }
 */
export const entryBody = (key: string, entry: StoredEntry): Record<string, unknown> => ({
  key,
  value: entry.value,
  createdAt: entry.createdAt,
  updatedAt: entry.updatedAt,
  ...(entry.expireTime !== undefined ? { expireTime: new Date(entry.expireTime).toISOString() } : {}),
});

const TTL_UNIT_MS: Readonly<Record<string, number>> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

/**
 * The TTL of set options in milliseconds, or undefined without one.
 *
 * @example
 * ttlMs({ ttl: { value: 2, unit: 'MINUTES' } }) // 120000
 */
export const ttlMs = (options: unknown): number | undefined => {
  const ttl = (options as { ttl?: { value?: unknown; unit?: unknown } } | undefined)?.ttl;
  if (ttl === undefined || typeof ttl.value !== 'number') return undefined;
  return ttl.value * (TTL_UNIT_MS[String(ttl.unit)] ?? 1000);
};

/**
 * A value as operations record it: JSON text, or its string form when it has none.
 *
 * @example
 * valueText({ a: 1 }) // '{"a":1}'
 */
export const valueText = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
};

/**
 * True when two stored values are the same JSON (they crossed the wire as JSON, so that is equality).
 *
 * @example
 * sameValue({ a: 1 }, { a: 1 }) // true
 */
export const sameValue = (a: unknown, b: unknown): boolean => valueText(a) === valueText(b);

/** A JSON object's members, or an empty record for anything else. */
export const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
