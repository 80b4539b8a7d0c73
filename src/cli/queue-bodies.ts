/**
 * Queue bodies from the app itself. A consumer is only as well checked as the body it is fed: a
 * generic one makes a real consumer crash on a field it expects, or return early and pass. So before
 * the checks, the app's producers (every trigger, and every consumer that already has a body) are run
 * once per sample payload, with no fault, in the simulated runtime, and what they pushed with
 * `Queue.push` (src/upstream/queue.ts records each push's events) becomes the bodies of that queue's
 * consumers. A producer that throws, or pushes nothing for a sample, just adds no body: its own check
 * reports what is wrong with it.
 */
import fc from 'fast-check';
import { resolveOptions } from '../api/options.js';
import type { CheckOptions, ForgeHandler } from '../api/types.js';
import { drive } from '../runner/drive.js';
import { CALM_SCENARIO } from '../scenario/types.js';
import type { Trace } from '../../models/trace.js';

/** Sample payloads each producer is run on: the fixed sample is not enough when a handler pushes only for some payloads. */
export const PRODUCER_SAMPLES = 4;

/** The bodies of the events a trace pushed, by queue, in push order; only pushes that took effect. */
export const pushedBodies = (trace: Trace): Map<string, unknown[]> => {
  const byQueue = new Map<string, unknown[]>();
  for (const request of trace.deliveries.flatMap((d) => d.requests)) {
    const op = request.operation;
    if (op?.surface !== 'queue' || op.name !== 'push' || request.effect !== 'applied' || op.target === undefined) continue;
    let events: unknown;
    try {
      events = (JSON.parse(request.body ?? '{}') as { payload?: unknown }).payload;
    } catch {
      continue;
    }
    const bodies = (Array.isArray(events) ? events : [events]).flatMap((e) => (typeof e === 'object' && e !== null && 'body' in e ? [e.body] : []));
    byQueue.set(op.target, [...(byQueue.get(op.target) ?? []), ...bodies]);
  }
  return byQueue;
};

/**
 * Runs `handler` once per sample event of its options (calm: no fault) and returns what it pushed,
 * by queue, distinct bodies in first-seen order. Never rejects.
 *
 * @example
 * const pushed = await harvestPushes(onIssueUpdated, { event: payloadArbitrary('avi:jira:updated:issue') });
 * pushed.get('crm-sync') // [{ issueKey: 'SUP-42', ... }, ...]
 */
export const harvestPushes = async (handler: ForgeHandler, options: CheckOptions): Promise<Map<string, unknown[]>> => {
  const found = new Map<string, Map<string, unknown>>();
  let resolved: ReturnType<typeof resolveOptions>['options'];
  try {
    resolved = resolveOptions(handler, { ...options, path: undefined, exhaustive: false }).options;
  } catch {
    return new Map();
  }
  const events = fc.sample(resolved.event, { seed: resolved.seed, numRuns: PRODUCER_SAMPLES });
  for (const event of events) {
    let trace: Trace;
    try {
      trace = await drive({
        handler,
        regime: resolved.regime,
        rules: resolved.rules,
        event,
        scenario: CALM_SCENARIO,
        ...(resolved.upstream === undefined ? {} : { upstream: resolved.upstream }),
        timeoutSeconds: resolved.timeoutSeconds,
        maxDeliveries: 1,
        consumerShape: resolved.consumerShape,
        functionKey: resolved.functionKey,
      });
    } catch {
      continue;
    }
    for (const [queue, bodies] of pushedBodies(trace)) {
      const distinct = found.get(queue) ?? new Map<string, unknown>();
      for (const body of bodies) {
        const key = JSON.stringify(body) ?? 'undefined';
        if (!distinct.has(key)) distinct.set(key, body);
      }
      found.set(queue, distinct);
    }
  }
  return new Map([...found].map(([queue, bodies]) => [queue, [...bodies.values()]]));
};
