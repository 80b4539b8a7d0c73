/**
 * What many-events properties read from an events trace: the served requests in the order the shared
 * store saw them, each with the stored name it read or wrote (`kv:<key>`, `entity:<name>:<key>`), so
 * that a read and a write of one value can be matched across events.
 */
import type { EventId } from '../../models/events.js';
import type { EventsTrace } from '../../models/events-trace.js';
import type { RequestRecord } from '../../models/trace.js';

/** One served storage request with what it did to which stored names. */
export interface StoreAccess {
  /** Position in the order the store served requests (0-based). */
  readonly position: number;
  readonly event: EventId;
  readonly delivery: number;
  readonly request: RequestRecord;
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  /** A plain write of a whole value, with no condition (a `set`, not a transaction). */
  readonly blind: boolean;
}

const READS = new Set(['get', 'batch-get', 'get-secret']);
const WRITES = new Set(['set', 'delete', 'batch-set', 'batch-delete', 'transact', 'set-secret', 'delete-secret']);

/** The stored name of an operation key. */
const storedName = (key: string, secret: boolean): string => (secret ? `secret:${key}` : key.startsWith('entity:') ? key : `kv:${key}`);

/**
 * Every storage request of the trace, in the order the store served them.
 *
 * @example
 * storeAccesses(trace).filter((a) => a.writes.includes('kv:count'))
 */
export const storeAccesses = (trace: EventsTrace): StoreAccess[] => {
  const byId = new Map<string, RequestRecord>();
  for (const e of trace.events) for (const d of e.deliveries) for (const r of d.requests) byId.set(`${e.id}/${d.number}/${r.seq}`, r);
  const accesses: StoreAccess[] = [];
  trace.served.forEach((s, position) => {
    const r = byId.get(`${s.event}/${s.delivery}/${s.seq}`);
    const op = r?.operation;
    if (r === undefined || op === undefined || (op.surface !== 'kvs' && op.surface !== 'storage')) return;
    const secret = op.name.includes('secret');
    const names = [op.key, ...(op.keys ?? [])].filter((k): k is string => k !== undefined).map((k) => storedName(k, secret));
    const ok = r.response.kind === 'http' && r.response.status < 300;
    // A get that found nothing read the value too: absent is what a first counter or list starts from.
    const absent = r.response.kind === 'http' && r.response.status === 404 && op.name === 'get';
    const reads = (ok || absent) && READS.has(op.name) ? names : [];
    const writes = r.effect === 'applied' && WRITES.has(op.name) ? names : [];
    accesses.push({ position, event: s.event, delivery: s.delivery, request: r, reads, writes, blind: op.name === 'set' });
  });
  return accesses;
};

/** The values a stored name ends with across the serial references (empty when there are none). */
export const serialValues = (trace: EventsTrace, name: string): (string | undefined)[] => trace.serial.map((s) => s.values[name]);

/** Renders a stored value for a report: absent, or its JSON text. */
export const shownValue = (value: string | undefined): string => value ?? '(absent)';

/**
 * Stored names that two or more events touched, at least one of them writing: where a lost update can
 * happen at all. `writers: 2` asks for names that two events wrote (where a stale overwrite can).
 *
 * @example
 * sharedNames(trace) // ['kv:activity:SHOP-42'] when two events read and wrote the counter
 */
export const sharedNames = (trace: EventsTrace, writers: 1 | 2 = 1): string[] => {
  const touched = new Map<string, { readonly by: Set<EventId>; readonly wrote: Set<EventId> }>();
  for (const a of storeAccesses(trace)) {
    for (const name of [...a.reads, ...a.writes]) {
      const entry = touched.get(name) ?? { by: new Set<EventId>(), wrote: new Set<EventId>() };
      entry.by.add(a.event);
      if (a.writes.includes(name)) entry.wrote.add(a.event);
      touched.set(name, entry);
    }
  }
  return [...touched].filter(([, t]) => t.by.size >= 2 && t.wrote.size >= writers).map(([name]) => name);
};
