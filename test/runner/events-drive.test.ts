/** The many-events driver: interleaves deliveries request by request and produces self-generated events. */
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/api/options.js';
import { currentSession, withHarnessLock } from '../../src/runtime/lock.js';
import { driveEvents } from '../../src/runner/events-drive.js';
import type { EventsScenario } from '../../src/scenario/events.js';
import * as counter from '../handlers/events/buggy/activity-counter.js';
import * as stamper from '../handlers/events/buggy/touched-stamper.js';

const play = (handler: (e: never) => unknown, scenario: EventsScenario, ignoreSelf = false) => {
  const { handler: h, options } = resolveOptions(handler, { trigger: 'product-event' });
  return withHarnessLock(() => driveEvents(currentSession()!, { handler: h, options, ignoreSelf, selfTriggerDepth: 3 }, scenario));
};

const TWO_UPDATES: EventsScenario['changes'] = [
  { change: 'updated', field: 'status', to: 'In Progress' },
  { change: 'updated', field: 'status', to: 'Done' },
];

describe('many-events driver', () => {
  it('runs events one after another under the all-zero schedule', async () => {
    const trace = await play(counter.handler, { changes: TWO_UPDATES, lateness: [0, 0], schedule: [], duplicate: undefined });
    expect(trace.served.map((s) => s.event)).toEqual([0, 0, 1, 1]);
    expect(trace.finalValues).toEqual({ 'kv:activity:SHOP-42': '2' });
    expect(trace.serial.map((s) => s.values)).toEqual([{ 'kv:activity:SHOP-42': '2' }, { 'kv:activity:SHOP-42': '2' }]);
  });

  it('interleaves two deliveries at their awaits as the schedule says', async () => {
    // Step 0: event 0 reads; step 1: choices [0, 1] -> 1 reads; then 0 writes, 1 writes.
    const trace = await play(counter.handler, { changes: TWO_UPDATES, lateness: [0, 0], schedule: [0, 1, 0, 1], duplicate: undefined });
    expect(trace.served.map((s) => s.event)).toEqual([0, 1, 0, 1]);
    expect(trace.finalValues).toEqual({ 'kv:activity:SHOP-42': '1' });
    expect(trace.events.map((e) => e.deliveries.length)).toEqual([1, 1]);
  });

  it('delivers the events its own writes produce, with selfGenerated, up to the depth bound', async () => {
    const trace = await play(stamper.handler, { changes: TWO_UPDATES.slice(0, 1), lateness: [0], schedule: [], duplicate: undefined });
    expect(trace.events.map((e) => [e.selfGenerated, e.depth])).toEqual([
      [false, 0],
      [true, 1],
      [true, 2],
      [true, 3],
    ]);
    expect(trace.selfChainCut).toEqual({ depth: 4, event: 3 });
  });

  it('keeps self-generated events from the app under ignoreSelf', async () => {
    const trace = await play(stamper.handler, { changes: TWO_UPDATES.slice(0, 1), lateness: [0], schedule: [], duplicate: undefined }, true);
    expect(trace.events.map((e) => [e.selfGenerated, e.filtered, e.deliveries.length])).toEqual([
      [false, false, 1],
      [true, true, 0],
    ]);
  });
});
