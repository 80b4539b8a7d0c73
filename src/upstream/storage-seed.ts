/**
 * Seeds for the run's key-value store: the configuration a handler reads before it does anything (a
 * feature flag, a target project, an API token), so a configuration-gated path is reached instead of
 * the early return an empty store gives. @forge/kvs and legacy `storage` share the store on the
 * platform (docs/platform.md "Key-value store"), so one seed serves both: `keys` are what
 * `kvs.get(key)` and `storage.get(key)` read, `secrets` what `getSecret` reads, `entities` what
 * `kvs.entity(name).get(key)` and `storage.entity(name).get(key)` read and entity queries list.
 * Every run starts from the seed again; seeded entries were written at the virtual epoch.
 */
import * as v from 'valibot';
import { VIRTUAL_EPOCH } from '../../models/time.js';
import type { KeyValueStore } from './store.js';

const JSON_VALUE = 'a JSON value (string, number, boolean, array or object)';

const isJson = (value: unknown): boolean => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isJson);
  return false;
};

// The platform stores JSON; `null` cannot be stored (a get of a missing key answers undefined).
const storedValue = v.custom<unknown>((value) => value !== null && value !== undefined && isJson(value), `pass ${JSON_VALUE}`);
const entityValue = v.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && isJson(value),
  'pass an object of the entity\'s attributes, e.g. { "name": "Mia", "team": "ops" }',
);
const KEY_FIX = 'use non-empty keys';
// The harness's KVS does not check keys, so the seed only refuses the one key no call can read.
const keyOk = (key: string): boolean => key.length > 0;
const keyed = <T extends v.GenericSchema>(value: T, fix: string) =>
  v.pipe(
    v.record(v.string(), value, fix),
    v.check((record) => Object.keys(record).every(keyOk), KEY_FIX),
  );

/** The schema of the `storage` option: known members only, JSON values, non-empty keys. */
export const STORAGE_SEED_SCHEMA = v.strictObject(
  {
    keys: v.optional(keyed(storedValue, 'pass an object of keys to JSON values, e.g. { "config": { "enabled": true } }')),
    secrets: v.optional(keyed(storedValue, 'pass an object of secret keys to JSON values, e.g. { "apiToken": "s3cr3t" }')),
    entities: v.optional(
      v.record(
        v.pipe(v.string(), v.nonEmpty('use non-empty entity names')),
        keyed(entityValue, 'pass an object of keys to entity values, e.g. { "employee": { "emp-1": { "name": "Mia" } } }'),
        'pass an object of entity names to their entries, e.g. { "employee": { "emp-1": { "name": "Mia" } } }',
      ),
    ),
  },
  (issue) => (issue.expected === 'never' ? 'use one of: keys, secrets, entities' : 'pass an object with some of: keys, secrets, entities'),
);

/**
 * What the key-value store holds when a run starts.
 *
 * @example
 * const storage: StorageSeed = {
 *   keys: { 'config:project': { key: 'SUP', enabled: true } },
 *   secrets: { apiToken: 's3cr3t' },
 *   entities: { employee: { 'emp-1': { name: 'Mia', team: 'ops' } } },
 * };
 */
export type StorageSeed = v.InferInput<typeof STORAGE_SEED_SCHEMA>;

/**
 * Writes a (validated) seed into a fresh store, each value a copy so a run cannot change the seed.
 *
 * @example
 * seedStore(run.store, { keys: { enabled: true } });
 */
export const seedStore = (store: KeyValueStore, seed: StorageSeed | undefined): void => {
  if (seed === undefined) return;
  for (const [key, value] of Object.entries(seed.keys ?? {})) store.set('kv', key, structuredClone(value), VIRTUAL_EPOCH);
  for (const [key, value] of Object.entries(seed.secrets ?? {})) store.set('secret', key, structuredClone(value), VIRTUAL_EPOCH);
  for (const [entity, entries] of Object.entries(seed.entities ?? {})) {
    for (const [key, value] of Object.entries(entries)) store.set(`entity:${entity}`, key, structuredClone(value), VIRTUAL_EPOCH);
  }
};
