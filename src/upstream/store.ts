/**
 * The in-memory key-value store behind @forge/kvs and legacy `storage` (they share data on the real
 * platform). It lives for one run: it persists across the deliveries of one event, so a handler can
 * see what an earlier delivery wrote, and is created afresh for the next run.
 *
 * TTL: Forge documents that an expired value may still be returned for a while after it expires. The
 * harness removes it at its expiry instant instead, so a handler that relies on a value outliving its
 * TTL is shown the miss (docs/platform.md "Key-value store").
 */

/** One stored value with the metadata @forge/kvs can ask for. Times are virtual epoch ms. */
export interface StoredEntry {
  readonly value: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expireTime?: number;
}

/** Separate key spaces, as on the platform: plain keys, secrets, and each custom entity. */
export type Namespace = 'kv' | 'secret' | `entity:${string}`;

/** The store of one run. */
export class KeyValueStore {
  readonly #entries = new Map<string, StoredEntry>();

  /**
   * The live entry for a key at virtual time `now` (expired entries are gone).
   *
   * @example
   * store.get('kv', 'cursor', now)?.value
   */
  get(ns: Namespace, key: string, now: number): StoredEntry | undefined {
    const id = `${ns}\u0000${key}`;
    const entry = this.#entries.get(id);
    if (entry?.expireTime !== undefined && entry.expireTime <= now) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry;
  }

  /**
   * Writes a value; returns the new entry. `ttlMs` sets an expiry relative to `now`.
   *
   * @example
   * store.set('kv', 'cursor', 42, now)
   */
  set(ns: Namespace, key: string, value: unknown, now: number, ttlMs?: number): StoredEntry {
    const previous = this.get(ns, key, now);
    const entry: StoredEntry = {
      value,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      ...(ttlMs !== undefined ? { expireTime: now + ttlMs } : {}),
    };
    this.#entries.set(`${ns}\u0000${key}`, entry);
    return entry;
  }

  /**
   * The live entries of a namespace in ascending key order (UTF-16 code units, as `<` compares).
   *
   * @example
   * store.entries('kv', now).map(([key]) => key) // ['a', 'b']
   */
  entries(ns: Namespace, now: number): [string, StoredEntry][] {
    const prefix = `${ns}\u0000`;
    const live: [string, StoredEntry][] = [];
    for (const id of [...this.#entries.keys()]) {
      if (!id.startsWith(prefix)) continue;
      const key = id.slice(prefix.length);
      const entry = this.get(ns, key, now);
      if (entry !== undefined) live.push([key, entry]);
    }
    return live.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * Removes a key; returns whether it existed.
   *
   * @example
   * store.delete('kv', 'cursor', now) // true
   */
  delete(ns: Namespace, key: string, now: number): boolean {
    const existed = this.get(ns, key, now) !== undefined;
    this.#entries.delete(`${ns}\u0000${key}`);
    return existed;
  }

  /**
   * Every live entry of every namespace, named `<namespace>:<key>`, in ascending order: what a run left
   * stored, for comparing runs.
   *
   * @example
   * store.allEntries(now).map(([name]) => name) // ['entity:counter:SHOP-42', 'kv:cursor']
   */
  allEntries(now: number): [string, StoredEntry][] {
    const live: [string, StoredEntry][] = [];
    for (const id of [...this.#entries.keys()]) {
      const [ns, key] = id.split('\u0000') as [Namespace, string];
      const entry = this.get(ns, key, now);
      if (entry !== undefined) live.push([`${ns}:${key}`, entry]);
    }
    return live.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
