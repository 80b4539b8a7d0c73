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
import { CheckObserver, observationOf, type RunObservation } from './check-observer.js';
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

/** The scenario a schedule stands for. */
const scenarioOf = (options: ResolvedOptions, schedule: SchedulePath): Scenario => ({
  deliveries: schedule.steps.map((step, i) => planOf(step, options.seed, i + 1)),
  duplicate: schedule.duplicate,
  ...(schedule.cold === true ? { instances: Array.from({ length: MAX_SCHEDULE_DEPTH + 2 }, () => 'cold' as const) } : {}),
});

/**
 * The schedules one step longer than `steps` worth walking, in the walk's order, given the deliveries
 * it `reached`. A calm delivery k+1 is this very run; it only needs exploring past it if it was
 * redelivered again.
 */
const extensions = (steps: readonly SmallScopeStep[], reached: number): SmallScopeStep[][] =>
  SMALL_SCOPE_STEPS.filter((step) => step !== 'ok' || reached > steps.length + 1).map((step) => [...steps, step]);

/**
 * The runs the walk plays after a schedule's own (warm) run, in order, from what that run did: with
 * cold starts, the schedule again with every redelivery on a fresh instance; after an event that
 * completed, the duplicate delivery (and its cold twin).
 */
const followUps = (options: ResolvedOptions, steps: readonly SmallScopeStep[], warm: Trace): SchedulePath[] => {
  const path = (duplicate: boolean, cold: boolean): SchedulePath => ({ kind: 'schedule', steps: [...steps], duplicate, ...(cold ? { cold: true } : {}) });
  const cold = options.module !== undefined;
  const completed = warm.end.kind === 'completed';
  return [
    ...(cold && warm.deliveries.length > 1 ? [path(false, true)] : []),
    ...(completed ? [path(true, false)] : []),
    ...(completed && cold ? [path(true, true)] : []),
  ];
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
  const scenario = scenarioOf(options, schedule);
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
      next.push(...extensions(steps, reached));
    }
    frontier = next;
  }
  return { runs, failures: [] };
};

/**
 * What playing one schedule of the walk came to, as plain data: a worker process plays a chunk of a
 * level and sends these back, and the walk goes on from them exactly as from schedules it played itself.
 */
export interface WalkedSchedule {
  /** The schedule's runs in the walk's order (its own, then {@link followUps}), up to the first failing one. */
  readonly runs: readonly { readonly path: SchedulePath; readonly seen: RunObservation; readonly failing: boolean }[];
  /** Deliveries other than the duplicate that the schedule's own run reached. */
  readonly reached: number;
  /** The own run's fingerprint (see the walk's pruning); undefined when it cannot be serialised. */
  readonly fingerprint: string | undefined;
}

/** Plays `schedule` and judges it, without reporting: what a chunk records of each run. */
const playJudged = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  event: unknown,
  schedule: SchedulePath,
): Promise<{ trace: Trace; seen: RunObservation; failing: boolean }> => {
  const trace = await playScenario(handler, options, scenarioOf(options, schedule), event);
  const problem = usageProblem(trace);
  if (problem !== undefined) throw problem;
  return { trace, seen: observationOf(trace, options.properties, options.settings), failing: judge(trace, options.properties, options.settings).length > 0 };
};

/** Plays a schedule's runs as the walk does, stopping at the first failing one. */
const playWalked = async (handler: ForgeHandler, options: ResolvedOptions, event: unknown, steps: readonly SmallScopeStep[]): Promise<WalkedSchedule> => {
  const own: SchedulePath = { kind: 'schedule', steps: [...steps], duplicate: false };
  const first = await playJudged(handler, options, event, own);
  const runs = [{ path: own, seen: first.seen, failing: first.failing }];
  const walked = { reached: first.trace.deliveries.filter((d) => d.kind !== 'duplicate').length, fingerprint: fingerprintOf(first.trace) };
  if (first.failing) return { runs, ...walked };
  for (const path of followUps(options, steps, first.trace)) {
    const { seen, failing } = await playJudged(handler, options, event, path);
    runs.push({ path, seen, failing });
    if (failing) break;
  }
  return { runs, ...walked };
};

/** Whether a played schedule has a failing run (its last: playing stops there). */
export const walkedFails = (walked: WalkedSchedule): boolean => walked.runs.at(-1)?.failing === true;

/**
 * Plays schedules of one level of the walk in order, after the schedule the walk plays before the
 * first of them (`previous`: a handler's late work, a promise still running when its delivery ended,
 * shows in the run after it, so a run played away from the walk's order is preceded by the run that
 * precedes it there), and stops after the first failing one (what follows it is never counted). The
 * same in every process, given the same options.
 *
 * @example
 * const played = await playWalkChunk(handler, options, [['ok', 'rate-limited'], ['ok', 'server-error']], ['network-error']);
 */
export const playWalkChunk = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  chunk: readonly (readonly SmallScopeStep[])[],
  previous?: readonly SmallScopeStep[],
): Promise<WalkedSchedule[]> => {
  const [event] = fc.sample(options.event, { seed: options.seed, numRuns: 1 });
  if (previous !== undefined) await playWalked(handler, options, event, previous);
  const played: WalkedSchedule[] = [];
  for (const steps of chunk) {
    const walked = await playWalked(handler, options, event, steps);
    played.push(walked);
    if (walkedFails(walked)) break;
  }
  return played;
};

/**
 * Plays one level's schedules, possibly in other processes; the results are in the level's order.
 * `previous` is the schedule the walk played last before the level (see {@link playWalkChunk}).
 */
export type LevelPlayer = (level: readonly (readonly SmallScopeStep[])[], previous: readonly SmallScopeStep[] | undefined) => Promise<WalkedSchedule[]>;

/** Runs of a walk counted into one observer: the whole walk's, or one part's of a split walk. */
export interface CountedRuns {
  readonly observer: CheckObserver;
  runs: number;
}

/**
 * The walk of {@link runExhaustiveCheck} over schedules played by `playLevel`, level by level: the
 * schedules of each level from `rangeOf(level, size)` (the whole level, but for one job's slice of the
 * deepest level of a split walk) are played, their runs counted into `countedAt(level)` in the level's
 * order, and the next level grows from the whole level. Returns the findings of the first failing
 * schedule (played once more here, after the runs the walk plays before it, to report it), or none.
 */
export const walkPlayed = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  depth: number,
  playLevel: LevelPlayer,
  countedAt: (level: number) => CountedRuns,
  rangeOf: (level: number, size: number) => { readonly from: number; readonly to: number },
): Promise<CheckFailure[]> => {
  const [event] = fc.sample(options.event, { seed: options.seed, numRuns: 1 });
  const failuresOf = async (
    walked: WalkedSchedule,
    steps: readonly SmallScopeStep[],
    before: readonly SmallScopeStep[] | undefined,
    runs: number,
  ): Promise<CheckFailure[]> => {
    if (before !== undefined) await playWalked(handler, options, event, before);
    for (const run of walked.runs.slice(0, -1)) await playScenario(handler, options, scenarioOf(options, run.path), event);
    const schedule = walked.runs.at(-1)!.path;
    const scenario = scenarioOf(options, schedule);
    const trace = await playScenario(handler, options, scenario, event);
    const findings = judge(trace, options.properties, options.settings);
    if (findings.length === 0)
      throw new Error(`exhaustive walk: schedule ${printReplayPath(schedule)} of ${JSON.stringify(steps)} failed where it was played and passed here`);
    return toFailures(handler, options, { trace, scenario, event }, findings, schedule, { runs, shrinks: 0 });
  };
  const explored = new Set<string>();
  let frontier: SmallScopeStep[][] = [[]];
  let previous: SmallScopeStep[] | undefined;
  let runs = 0;
  for (let level = 0; level <= depth && frontier.length > 0; level++) {
    const { from, to } = rangeOf(level, frontier.length);
    if (level < depth && (from !== 0 || to !== frontier.length)) throw new Error(`exhaustive walk: only the deepest level can be split, not level ${level}`);
    if (from > 0) previous = frontier[from - 1];
    const schedules = frontier.slice(from, to);
    const played = await playLevel(schedules, previous);
    const counted = countedAt(level);
    const next: SmallScopeStep[][] = [];
    for (const [i, steps] of schedules.entries()) {
      const p = played[i];
      if (p === undefined) throw new Error(`exhaustive walk: no result for schedule ${from + i} of level ${level} though none before it failed`);
      for (const run of p.runs) {
        counted.observer.record(counted.observer.counted, run.seen);
        counted.runs++;
        runs++;
      }
      if (walkedFails(p)) return failuresOf(p, steps, previous, runs);
      previous = steps;
      if (level === depth || p.reached <= steps.length) continue;
      if (p.fingerprint !== undefined) {
        if (explored.has(p.fingerprint)) continue;
        explored.add(p.fingerprint);
      }
      next.push(...extensions(steps, p.reached));
    }
    frontier = next;
  }
  return [];
};

/**
 * {@link runExhaustiveCheck} with each level's schedules played by `playLevel` (the CLI spreads them
 * over its worker processes). Pruning, counting and the first failure follow the level's order, so the
 * result is the serial walk's.
 */
export const runExhaustiveCheckWith = async (handler: ForgeHandler, options: ResolvedOptions, depth: number, playLevel: LevelPlayer): Promise<CheckResult> => {
  const counted: CountedRuns = { observer: new CheckObserver(options.properties, options.settings, options.payloadGiven), runs: 0 };
  const failures = await walkPlayed(
    handler,
    options,
    depth,
    playLevel,
    () => counted,
    (_, size) => ({ from: 0, to: size }),
  );
  // As runExhaustiveCheck: the walk of two events follows the single-event walk, failing or not.
  const events = await walkEvents(handler, options);
  counted.observer.noteJudged(events.judged);
  return toResult(options, counted.runs + events.runs, [...failures, ...events.failures], counted.observer);
};
