import type { EventsTrace } from '../models/events-trace.js';
import { NO_SHARED_VALUE } from './support/supply.js';
import { serialValues, sharedNames, shownValue, storeAccesses, type StoreAccess } from './support/events-access.js';
import { PASS, defineProperty, type Verdict } from './types.js';

/** A read by one event, a write by another, then a write by the first from its stale read. */
interface Overlap {
  readonly name: string;
  readonly read: StoreAccess;
  readonly between: StoreAccess;
  readonly overwrite: StoreAccess;
}

const overlaps = (trace: EventsTrace): Overlap[] => {
  const accesses = storeAccesses(trace);
  const found: Overlap[] = [];
  for (const read of accesses) {
    for (const name of read.reads) {
      const overwrite = accesses.find((a) => a.position > read.position && a.event === read.event && a.delivery === read.delivery && a.writes.includes(name));
      if (overwrite === undefined) continue;
      const between = accesses.find((a) => a.position > read.position && a.position < overwrite.position && a.event !== read.event && a.writes.includes(name));
      if (between !== undefined) found.push({ name, read, between, overwrite });
    }
  }
  return found;
};

const judge = (trace: EventsTrace): Verdict => {
  if (trace.serial.length === 0) return PASS;
  for (const o of overlaps(trace)) {
    const final = trace.finalValues[o.name];
    const serial = serialValues(trace, o.name);
    // Only a final value no serial order can give is a lost update: a guarded write (transact
    // condition, notExists, a version check) that made the handler read again ends as some order does.
    if (serial.includes(final)) continue;
    const expected = [...new Set(serial.map(shownValue))].join(' or ');
    return {
      kind: 'fail',
      event: o.overwrite.event,
      delivery: o.overwrite.delivery,
      request: o.overwrite.request.seq,
      message: `event ${o.overwrite.event} wrote ${o.name} from a read that event ${o.between.event}'s write had made stale: one update is lost`,
      expected: `${o.name} = ${expected} (the events one after another, in any order)`,
      received: `${o.name} = ${shownValue(final)}: event ${o.read.event} read it (request ${o.read.request.seq}), event ${o.between.event} wrote it (request ${o.between.request.seq}), event ${o.overwrite.event} wrote over it (request ${o.overwrite.request.seq})`,
      hint: 'write with kvs.transact() and a condition on what you read (a version, or notExists for a new key), and read again when it fails with CONDITIONAL_CHECK_FAILED',
    };
  }
  return PASS;
};

/** The `no-lost-updates` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const noLostUpdates = defineProperty({
  id: 'no-lost-updates',
  summary: 'no stored value written from a read that another event made stale (a lost update)',
  doc:
    'Across several events of one entity handled at once, no delivery reads a stored value (a KVS key or a ' +
    'custom entity), lets another event write it, and then writes it from what it read, ending with a value ' +
    'that no order of the same events run one after another gives: a counter that counts one change of two, a ' +
    'list that lost an item. Judged against the serial references, so a write guarded by a transact condition, ' +
    'notExists or a version check (which makes the handler read again) is never a finding, nor is a value the ' +
    'events overwrite whole (last writer wins is some order). Single events pass: they cannot show it.',
  rule: 'events run in parallel and in no order (product events: no ordering guarantee; async events: "like SQS without FIFO")',
  regimes: ['product-event'],
  // A single-event trace never shows what this judges.
  judged: () => false,
  judgedEvents: (trace) => sharedNames(trace).length > 0,
  unjudged: NO_SHARED_VALUE,
  check: () => PASS,
  checkEvents: (trace) => judge(trace),
});
