/**
 * The runner: fast-check generates scenarios, the driver plays each through the simulated runtime and
 * the delivery model, every trace is judged once against all selected properties, and the smallest
 * failing scenario comes back with its report and replay path.
 */
import { formatMessage } from '../messages/format.js';
import fc from 'fast-check';
import type { Trace } from '../../models/trace.js';
import { scenarioArbitrary } from '../scenario/arbitrary.js';
import { HarnessUsageError } from '../messages/usage-error.js';
import type { ResolvedOptions } from './resolved-options.js';
import type { ForgeHandler } from '../runtime/handler-call.js';
import { COLD_STARTS_NOT_SIMULATED, type CheckFailure, type CheckResult, type Replay } from './results.js';
import { propertyById, type PropertyId } from '../../properties/catalog.js';
import type { PlatformRules } from '../../models/rules.js';
import { CheckObserver } from './check-observer.js';
import { judgeUnderAssumptions } from './robust.js';
import { drive } from './drive.js';
import { formatFailure, formatHeadline, formatNote } from '../report/report.js';
import { formatReplay } from '../report/replay.js';
import { replayOf } from './replay-options.js';
import type { Scenario } from '../scenario/types.js';
import { judge, type Finding } from '../../properties/judge.js';
import { usageProblem } from './usage-problems.js';
import { runEventsRounds } from './events-check.js';
import { printReplayPath, readReplayPath, type ReplayPath, type SampledPath } from './replay-path.js';

/** Plays one scenario for one event. */
export const playScenario = (handler: ForgeHandler, options: ResolvedOptions, scenario: Scenario, event: unknown): Promise<Trace> =>
  drive({
    handler,
    regime: options.regime,
    rules: options.rules,
    event,
    scenario,
    ...(options.upstream !== undefined ? { upstream: options.upstream } : {}),
    world: options.world,
    ...(options.storage !== undefined ? { storage: options.storage } : {}),
    timeoutSeconds: options.timeoutSeconds,
    maxDeliveries: options.maxDeliveries,
    consumerShape: options.consumerShape,
    functionKey: options.functionKey,
    ...(options.showConsole ? { captureConsole: true } : {}),
    ...(options.module !== undefined ? { module: options.module } : {}),
  });

/** The handler's name for the replay line; a hostile handler (a Proxy whose traps throw) has none. */
const handlerName = (handler: ForgeHandler): string => {
  try {
    return typeof handler.name === 'string' ? handler.name : '';
  } catch {
    return '';
  }
};

/** Turns the findings on one trace into failures with reports, each judged again under the assumptions it rests on. */
export const toFailures = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  played: { readonly trace: Trace; readonly scenario: Scenario; readonly event: unknown },
  findings: readonly Finding[],
  replayPath: ReplayPath,
  effort: { readonly runs: number; readonly shrinks: number },
  narrowed?: readonly PropertyId[],
): Promise<CheckFailure[]> => {
  const { trace } = played;
  const path = printReplayPath(replayPath);
  const replay: Replay = replayOf(options, path, narrowed);
  const replayText = formatReplay(handlerName(handler), replay);
  const replayUnder = (rules: PlatformRules): Promise<Trace> => playScenario(handler, { ...options, rules }, played.scenario, played.event);
  const failures: CheckFailure[] = [];
  for (const f of findings) {
    const assumptions = await judgeUnderAssumptions(trace, propertyById(f.property), options.settings, options.pinnedRules, replayUnder);
    const severity = assumptions === undefined || assumptions.clearedUnder.length === 0 ? 'failure' : 'warning';
    failures.push({
      property: f.property,
      message: f.violation.message,
      expected: f.violation.expected,
      received: f.violation.received,
      hint: f.violation.hint,
      trace,
      replay,
      runs: effort.runs,
      shrinks: effort.shrinks,
      severity,
      ...(assumptions !== undefined ? { assumptions } : {}),
      report: formatFailure({
        property: f.property,
        violation: f.violation,
        trace,
        replay: replayText,
        ...(assumptions !== undefined ? { assumptions } : {}),
        ...(options.eventGenerated ? { showEvent: true } : {}),
        ...(options.showConsole ? { showConsole: true } : {}),
      }),
    });
  }
  return failures;
};

/** Builds the result of a check from its findings and what the observer saw. */
export const toResult = (options: ResolvedOptions, runs: number, findings: readonly CheckFailure[], observer: CheckObserver): CheckResult => {
  const notes = options.module === undefined ? [COLD_STARTS_NOT_SIMULATED] : [];
  const result = observer.result({ runs, seed: options.seed, strictAssumptions: options.strictAssumptions }, findings, (shown) =>
    [formatHeadline(shown), ...shown.map((f) => f.report), ...notes.map(formatNote)].join('\n'),
  );
  return { ...result, notes };
};

/** Most runs of the search for a robust finding behind a warning. */
const ROBUST_SEARCH_RUNS = 30;

/** Whether some finding holds under every plausible value of the assumptions it rests on. */
const holdsUnderEveryAssumption = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  played: { readonly trace: Trace; readonly scenario: Scenario; readonly event: unknown },
  findings: readonly Finding[],
): Promise<boolean> => {
  const replayUnder = (rules: PlatformRules): Promise<Trace> => playScenario(handler, { ...options, rules }, played.scenario, played.event);
  for (const f of findings) {
    const verdict = await judgeUnderAssumptions(played.trace, propertyById(f.property), options.settings, options.pinnedRules, replayUnder);
    if (verdict === undefined || verdict.clearedUnder.length === 0) return true;
  }
  return false;
};

const pathPastTheEnd = (options: ResolvedOptions, path: SampledPath): HarnessUsageError =>
  new HarnessUsageError({
    what: `option "path" ${JSON.stringify(printReplayPath(path))} names no scenario of seed ${options.seed}: it takes ${path.shrinks.length} shrink step${path.shrinks.length === 1 ? '' : 's'} from run ${path.run}, past the last shrink there is`,
    fix: 'copy seed and path together from one report, and replay with the same trigger, event, properties and rules: a path names a scenario of the check that printed it',
  });

/** One sampled round over `properties`: the shrunk failures of the first failing scenario, if any. */
const sampleRound = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  narrowed: readonly PropertyId[] | undefined,
  replayPath: SampledPath | undefined,
  observer: CheckObserver,
  /** Index of this check's first sampled run in `observer`: runs counted before it (the walk) keep theirs. */
  base: number,
  robustOnly = false,
): Promise<{ readonly runs: number; readonly failures: CheckFailure[] }> => {
  let usage: HarnessUsageError | undefined;
  // fast-check calls the predicate for the generated runs in order, then for the shrinking candidates
  // after the first failure: only the former are counted for coverage.
  let index = 0;
  let shrinking = false;
  let played = 0;
  const property = fc.asyncProperty(
    scenarioArbitrary({ regime: options.regime, coldStarts: options.module !== undefined }),
    options.event,
    async (scenario, event) => {
      if (usage !== undefined) return true;
      played += 1;
      let trace: Trace;
      try {
        trace = await playScenario(handler, options, scenario, event);
      } catch (error) {
        // Bad input met during the run (a generated event JSON cannot carry) stops the check, not a finding.
        if (!(error instanceof HarnessUsageError)) throw error;
        usage = error;
        return true;
      }
      const problem = usageProblem(trace);
      if (problem !== undefined) {
        usage = problem;
        return true;
      }
      if (!shrinking) observer.observe(base + index++, trace);
      const findings = judge(trace, options.properties, options.settings);
      const ok = findings.length === 0 || (robustOnly && !(await holdsUnderEveryAssumption(handler, options, { trace, scenario, event }, findings)));
      if (!ok) shrinking = true;
      return ok;
    },
  );
  let details: fc.RunDetails<[Scenario, unknown]>;
  try {
    details = await fc.check(property, {
      seed: options.seed,
      numRuns: options.numRuns,
      // A path names the scenario to report: shrinking on from it (a path of a check with `shrink: false` is
      // unshrunk) would report another, and the replay would not reproduce the finding.
      endOnFailure: !options.shrink || replayPath !== undefined,
      ...(replayPath !== undefined ? { path: printReplayPath(replayPath) } : {}),
    });
  } catch (error) {
    // fast-check walks a path while it builds the runs, and throws there when a step has no shrink to take.
    throw replayPath !== undefined && /Unable to replay/.test(String(error)) ? pathPastTheEnd(options, replayPath) : error;
  }
  if (usage !== undefined) throw usage;
  // A last step past the shrinks there are leaves nothing to play.
  if (replayPath !== undefined && (played === 0 || /Unable to replay/.test(String(details.errorInstance)))) throw pathPastTheEnd(options, replayPath);
  if (!details.failed) return { runs: details.numRuns, failures: [] };
  if (details.counterexample === null || details.counterexamplePath === null) {
    throw (details.errorInstance as unknown) instanceof Error
      ? details.errorInstance
      : new Error(formatMessage(`the check failed without a counterexample: ${String(details.errorInstance)}`));
  }
  const [scenario, event] = details.counterexample;
  const trace = await playScenario(handler, options, scenario, event);
  const findings = judge(trace, options.properties, options.settings);
  if (findings.length === 0) {
    throw new Error(
      formatMessage(
        `the handler failed scenario ${details.counterexamplePath} once and passed it on replay; ` +
          'it is not deterministic under the harness (does it keep state in module variables between runs, or read real time?)',
      ),
    );
  }
  const found = readReplayPath(details.counterexamplePath);
  if (found?.kind !== 'sampled')
    throw new Error(formatMessage(`fast-check reported the path ${JSON.stringify(details.counterexamplePath)}, which is not a sampled path`));
  const effort = { runs: details.numRuns, shrinks: details.numShrinks };
  return { runs: details.numRuns, failures: await toFailures(handler, options, { trace, scenario, event }, findings, found, effort, narrowed) };
};

/**
 * Runs a sampled check: `numRuns` generated scenarios (or the one at `replayPath`), shrinking the first
 * failure. Then it goes on with the properties that have not failed yet, so that every violated
 * property is reported, each with its own shrunk scenario. Never rejects for a failing handler;
 * rejects with HarnessUsageError when the handler uses something the harness cannot judge. `selected`
 * is what the user selected, when `options.properties` is already a part of it (after the walk).
 */
export const runSampledCheck = async (handler: ForgeHandler, options: ResolvedOptions, replayPath?: SampledPath): Promise<CheckResult> => {
  const observer = new CheckObserver(options.properties, options.settings, options.payloadGiven);
  const { runs, failures } = await sampleProperties(handler, options, observer, replayPath);
  return toResult(options, runs, failures, observer);
};

/**
 * The sampling of {@link runSampledCheck}, counting its runs into `observer` after those it already
 * holds: `selected` is what the user selected, when `options.properties` is already a part of it (after
 * the default check's walk).
 */
export const sampleProperties = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  observer: CheckObserver,
  replayPath?: SampledPath,
  selected: readonly PropertyId[] = options.properties.map((p) => p.id),
): Promise<{ readonly runs: number; readonly failures: CheckFailure[] }> => {
  const failures: CheckFailure[] = [];
  // Every round replays the same seed from run 0: one base, so a run is counted once, whichever round plays it.
  const base = observer.counted;
  let remaining = options.properties;
  let runs = 0;
  while (remaining.length > 0) {
    // Fewer properties than the user selected shrink to another scenario, so the replay names them.
    const narrowed = remaining.length < selected.length ? remaining.map((p) => p.id) : undefined;
    const round = await sampleRound(handler, { ...options, properties: remaining }, narrowed, replayPath, observer, base);
    runs += round.runs;
    failures.push(...round.failures);
    // A replay plays one scenario; there is no later round to sample.
    if (round.failures.length === 0 || replayPath !== undefined) break;
    remaining = remaining.filter((p) => !round.failures.some((f) => f.property === p.id));
  }
  // A shrunk scenario is minimal under the rules it was found with, and may rest on an assumption that
  // another scenario does not need: before reporting a warning, look for a finding that holds under all.
  if (replayPath === undefined) {
    for (const [i, warning] of failures.entries()) {
      if (warning.severity !== 'warning') continue;
      const property = options.properties.filter((p) => p.id === warning.property);
      const narrowed = property.length < options.properties.length ? property.map((p) => p.id) : undefined;
      // Bounded: each failing run of this search is replayed under every combination.
      const search = { ...options, properties: property, numRuns: Math.min(options.numRuns, ROBUST_SEARCH_RUNS) };
      const round = await sampleRound(handler, search, narrowed, undefined, observer, base, true);
      const robust = round.failures.find((f) => f.severity === 'failure');
      if (robust !== undefined) failures[i] = robust;
    }
  }
  // Then the many-events scenarios (not on a replay of one single-event scenario).
  if (replayPath === undefined) {
    const events = await runEventsRounds(handler, { ...options, properties: remaining }, undefined);
    failures.push(...events.failures);
    observer.noteJudged(events.judged);
  }
  const order = options.properties.map((p) => p.id);
  failures.sort((a, b) => order.indexOf(a.property) - order.indexOf(b.property));
  return { runs, failures };
};
