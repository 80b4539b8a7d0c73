import { NO_SHARED_WRITE } from './support/supply.js';
import type { EventsTrace } from '../models/events-trace.js';
import { serialValues, sharedNames, shownValue, storeAccesses } from './support/events-access.js';
import { PASS, defineProperty, type Verdict } from './types.js';

const judge = (trace: EventsTrace): Verdict => {
  // The reference is the external events in the order they happened (ids follow their timestamps).
  const external = trace.events.filter((e) => !e.selfGenerated);
  const inOrder = trace.serial.find((s) => s.order.every((id, i) => id === external[i]?.id));
  if (inOrder === undefined) return PASS;
  // The payloads must have told the events' order: distinct timestamps.
  if (new Set(external.map((e) => e.timestamp)).size !== external.length) return PASS;
  const accesses = storeAccesses(trace);
  const timestampOf = (id: number): number => trace.events[id]?.timestamp ?? 0;
  for (const stale of accesses) {
    if (!stale.blind || trace.events[stale.event]?.selfGenerated !== false) continue;
    for (const name of stale.writes) {
      // A write that depends on what its delivery read is judged by no-lost-updates, not here.
      const readFirst = accesses.some((a) => a.position < stale.position && a.event === stale.event && a.delivery === stale.delivery && a.reads.includes(name));
      if (readFirst) continue;
      const newer = accesses.find(
        (a) =>
          a.position < stale.position &&
          a.writes.includes(name) &&
          trace.events[a.event]?.selfGenerated === false &&
          timestampOf(a.event) > timestampOf(stale.event),
      );
      if (newer === undefined) continue;
      const final = trace.finalValues[name];
      // Not serial in any order: that is a lost update, reported by its own property.
      if (final === inOrder.values[name] || !serialValues(trace, name).includes(final)) continue;
      const laterWrite = accesses.some((a) => a.position > stale.position && a.writes.includes(name));
      if (laterWrite) continue;
      return {
        kind: 'fail',
        event: stale.event,
        delivery: stale.delivery,
        request: stale.request.seq,
        message: `event ${stale.event}'s write of ${name} landed after newer event ${newer.event}'s and left the older value`,
        expected: `${name} = ${shownValue(inOrder.values[name])} (the events in the order they happened; each payload carries its timestamp and changelog id)`,
        received: `${name} = ${shownValue(final)}: event ${newer.event} (newer) wrote it at request ${newer.request.seq}, then event ${stale.event} (older) overwrote it at request ${stale.request.seq}`,
        hint: 'store the event timestamp or changelog id with the value and write only when the event is newer, in kvs.transact() with a condition on the stored one',
      };
    }
  }
  return PASS;
};

/** The `no-stale-overwrite` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const noStaleOverwrite = defineProperty({
  id: 'no-stale-overwrite',
  summary: "no older event's blind write lands after a newer event's and leaves the older value",
  doc:
    "Across several events of one entity, an older event's plain write (kvs set, no condition, not derived " +
    "from a read of the same value) does not land after a newer event's write of the same value and leave the " +
    'result that only the wrong order gives, where the payloads carried what told their order (distinct ' +
    'timestamps and changelog ids). Judged only when it can be judged fairly: writes that read first, ' +
    'transactions, self-generated events and values that end as the events in their order would leave them ' +
    'are not findings; non-serial results are no-lost-updates findings instead.',
  rule: 'no ordering guarantee between events; trigger events may arrive minutes late (Product events page)',
  regimes: ['product-event'],
  // A single-event trace never shows what this judges.
  judged: () => false,
  judgedEvents: (trace) => sharedNames(trace, 2).length > 0,
  unjudged: NO_SHARED_WRITE,
  check: () => PASS,
  checkEvents: (trace) => judge(trace),
});
