/**
 * Exhaustive small-scope mode. The space of single-event delivery histories is small: a handful of
 * things can go wrong on each delivery, and a product event has at most five deliveries. Instead of
 * sampling it, walk it: every schedule of per-delivery faults up to the bound, each explored only as
 * far as the handler actually gets redelivered. Headers and payloads are still generated (from the
 * seed), so the walk proves the handler over every fault schedule, not over every header.
 */
import fc from 'fast-check';
import { rateLimitHeaders, serverErrorHeaders } from '../scenario/headers.js';
import type { ResolvedOptions } from './resolved-options.js';
import type { ForgeHandler } from '../runtime/handler-call.js';
import type { CheckFailure, CheckResult } from './results.js';
import type { Trace } from '../../models/trace.js';
import type { DeliveryPlan, Scenario } from '../scenario/types.js';
import { judge } from '../../properties/judge.js';
import { playScenario, toFailures, toResult } from './sampled.js';
import { usageProblem } from './usage-problems.js';
import { CheckObserver } from './check-observer.js';
import { walkEvents } from './events-walk.js';
import { MAX_SCHEDULE_DEPTH, printReplayPath, type SchedulePath } from './replay-path.js';
import { usageError } from '../messages/usage-error.js';
import { SMALL_SCOPE_STEPS, type SmallScopeStep } from './small-scope-steps.js';

const sampleOne = <T>(arb: fc.Arbitrary<T>, seed: number): T => {
  const [value] = fc.sample(arb, { seed, numRuns: 1 });
  return value as T;
};

/** The delivery plan of one step; `salt` varies the generated headers between positions. */
const planOf = (step: SmallScopeStep, seed: number, salt: number): DeliveryPlan => {
  const s = (seed ^ (salt * 0x9e3779b1)) | 0;
  switch (step) {
    case 'ok':
      return { responses: [], storage: [] };
    case 'rate-limited':
      return { responses: [{ kind: 'status', status: 429, headers: sampleOne(rateLimitHeaders(), s) }], storage: [] };
    case 'server-error':
      return { responses: [{ kind: 'status', status: 503, headers: sampleOne(serverErrorHeaders(), s) }], storage: [] };
    case 'network-error':
      return { responses: [{ kind: 'network-error' }], storage: [] };
    case 'timeout-after-effect':
      return { responses: [], storage: [], fault: { kind: 'crash-at-request', fault: 'timeout', request: 1, effect: 'applied' } };
    case 'timeout-before-effect':
      return { responses: [], storage: [], fault: { kind: 'crash-at-request', fault: 'timeout', request: 1, effect: 'not-applied' } };
    case 'storage-error':
      return { responses: [], storage: [{ kind: 'status', status: 500, headers: {} }] };
  }
};

/** What a trace says about the handler's state, as text; undefined when a value cannot be serialised. */
const fingerprintOf = (trace: Trace): string | undefined => {
  try {
    return JSON.stringify(trace.deliveries, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
  } catch {
    return undefined;
  }
};

/** One played schedule: its trace, and its failures (empty when it passes). */
interface PlayedSchedule {
  readonly trace: Trace;
  readonly failures: CheckFailure[];
}

/** Plays one schedule and judges it; `runs` is the count the failures report. */
const playSchedule = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  event: unknown,
  schedule: SchedulePath,
  runs: number,
  observer: CheckObserver,
): Promise<PlayedSchedule> => {
  const scenario: Scenario = {
    deliveries: schedule.steps.map((step, i) => planOf(step, options.seed, i + 1)),
    duplicate: schedule.duplicate,
    ...(schedule.cold === true ? { instances: Array.from({ length: MAX_SCHEDULE_DEPTH + 2 }, () => 'cold' as const) } : {}),
  };
  const trace = await playScenario(handler, options, scenario, event);
  const problem = usageProblem(trace);
  if (problem !== undefined) throw problem;
  observer.observe(observer.counted, trace);
  const findings = judge(trace, options.properties, options.settings);
  return {
    trace,
    failures: findings.length === 0 ? [] : await toFailures(handler, options, { trace, scenario, event }, findings, schedule, { runs, shrinks: 0 }),
  };
};

/** Plays the one schedule a replay path names, and reports what it violates. */
export const replaySchedule = async (handler: ForgeHandler, options: ResolvedOptions, path: SchedulePath): Promise<CheckResult> => {
  if (path.cold === true && options.module === undefined) {
    usageError(
      `option "path" ${JSON.stringify(printReplayPath(path))} sends redeliveries to fresh module instances, and the check has only the function`,
      'replay with the `module` option the report names (its replay line has it), or drop the final "c"',
    );
  }
  const [event] = fc.sample(options.event, { seed: options.seed, numRuns: 1 });
  const observer = new CheckObserver(options.properties, options.settings, options.payloadGiven);
  const { failures } = await playSchedule(handler, options, event, path, 1, observer);
  return toResult(options, 1, failures, observer);
};

/**
 * Walks every fault schedule of the small scope up to `depth` deliveries and reports the first schedule
 * (shortest first) that violates a property; then every interleaving of two events (events-walk.ts) for
 * the many-events properties. Runs = schedules and interleavings played.
 */
export const runExhaustiveCheck = async (handler: ForgeHandler, options: ResolvedOptions, depth: number): Promise<CheckResult> => {
  const observer = new CheckObserver(options.properties, options.settings, options.payloadGiven);
  const single = await walkSmallScope(handler, options, depth, observer);
  // Then every small interleaving of two events, for the properties that judge them.
  const events = await walkEvents(handler, options);
  observer.noteJudged(events.judged);
  return toResult(options, single.runs + events.runs, [...single.failures, ...events.failures], observer);
};

/** The walk of {@link runExhaustiveCheck}, counting its schedules into `observer`; stops at the first failing schedule. */
export const walkSmallScope = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  depth: number,
  observer: CheckObserver,
): Promise<{ readonly runs: number; readonly failures: CheckFailure[] }> => {
  const [event] = fc.sample(options.event, { seed: options.seed, numRuns: 1 });
  let runs = 0;
  // Two schedules whose traces are identical leave the handler, the store and the fixtures in the same
  // state (all three are functions of the requests and answers), so only one of them is extended.
  const explored = new Set<string>();
  // Breadth first, so the first failure found is one of the shortest schedules.
  let frontier: SmallScopeStep[][] = [[]];
  for (let level = 0; level <= depth && frontier.length > 0; level++) {
    const next: SmallScopeStep[][] = [];
    for (const steps of frontier) {
      const { trace, failures } = await playSchedule(handler, options, event, { kind: 'schedule', steps, duplicate: false }, ++runs, observer);
      if (failures.length > 0) return { runs, failures };
      // Cold starts, at the two ends: the schedule again with every redelivery on a fresh instance (the
      // warm run above is the other end); sampling mixes the two.
      if (options.module !== undefined && trace.deliveries.length > 1) {
        const cold = await playSchedule(handler, options, event, { kind: 'schedule', steps, duplicate: false, cold: true }, ++runs, observer);
        if (cold.failures.length > 0) return { runs, failures: cold.failures };
      }
      // A duplicate delivery only happens after the event completed.
      if (trace.end.kind === 'completed') {
        const dup = await playSchedule(handler, options, event, { kind: 'schedule', steps, duplicate: true }, ++runs, observer);
        if (dup.failures.length > 0) return { runs, failures: dup.failures };
        if (options.module !== undefined) {
          const cold = await playSchedule(handler, options, event, { kind: 'schedule', steps, duplicate: true, cold: true }, ++runs, observer);
          if (cold.failures.length > 0) return { runs, failures: cold.failures };
        }
      }
      if (level === depth) continue;
      const reached = trace.deliveries.filter((d) => d.kind !== 'duplicate').length;
      // Extend only schedules whose every step was delivered and which were redelivered after the last one.
      if (reached <= steps.length) continue;
      const fingerprint = fingerprintOf(trace);
      if (fingerprint !== undefined) {
        if (explored.has(fingerprint)) continue;
        explored.add(fingerprint);
      }
      for (const step of SMALL_SCOPE_STEPS) {
        // A calm delivery k+1 is this very run; it only needs exploring past it if it was redelivered again.
        if (step === 'ok' && reached <= steps.length + 1) continue;
        next.push([...steps, step]);
      }
    }
    frontier = next;
  }
  return { runs, failures: [] };
};
