/**
 * The many-events round of a check: fast-check generates many-events scenarios (a few events on one
 * issue and a schedule), the many-events driver plays each, the properties that judge events
 * (`checkEvents`) judge the trace, and the first failure is shrunk to the fewest events and the
 * shortest interleaving. Its replay path is `e` and fast-check's path in this round.
 */
import fc from 'fast-check';
import type { EventsTrace } from '../../models/events-trace.js';
import type { Trace } from '../../models/trace.js';
import type { PropertyId } from '../../properties/catalog.js';
import type { PropertySettings, RetryProperty, Violation } from '../../properties/types.js';
import { formatMessage } from '../messages/format.js';
import { formatEventsFailure } from '../report/events-report.js';
import { formatReplay } from '../report/replay.js';
import { replayOf } from './replay-options.js';
import type { ForgeHandler } from '../runtime/handler-call.js';
import { currentSession } from '../runtime/lock.js';
import { eventsScenarioArbitrary, type EventsScenario } from '../scenario/events.js';
import { driveEvents, type StepObserver } from './events-drive.js';
import { printReplayPath, readReplayPath, type EventsPath, type EventsWalkPath } from './replay-path.js';
import type { ResolvedOptions } from './resolved-options.js';
import type { CheckFailure, Replay } from './results.js';

/** A many-events property's violation. */
export interface EventsFinding {
  readonly property: PropertyId;
  readonly violation: Violation;
}

/** The selected properties that judge many-events traces. */
export const eventsProperties = (options: ResolvedOptions): RetryProperty<PropertyId>[] => options.properties.filter((p) => p.checkEvents !== undefined);

/** Every violation of `properties` in a many-events trace, in catalog order. */
export const judgeEvents = (trace: EventsTrace, properties: readonly RetryProperty<PropertyId>[], settings: PropertySettings): EventsFinding[] =>
  properties.flatMap((p) => {
    const verdict = p.checkEvents?.(trace, settings);
    return verdict?.kind === 'fail' ? [{ property: p.id, violation: verdict }] : [];
  });

/** The properties of `properties` that had something to judge in a many-events trace. */
export const judgedByEvents = (trace: EventsTrace, properties: readonly RetryProperty<PropertyId>[], settings: PropertySettings): PropertyId[] =>
  properties.filter((p) => p.judgedEvents?.(trace, settings) === true).map((p) => p.id);

/** The deliveries of the event a finding is about, as a single-event trace (what CheckFailure.trace holds). */
const eventTrace = (trace: EventsTrace, event: number): Trace => {
  const e = trace.events[event] ?? trace.events[0]!;
  const last = e.deliveries[e.deliveries.length - 1];
  return {
    regime: 'product-event',
    rules: trace.rules,
    event: e.payload,
    startedAt: trace.startedAt,
    deliveries: e.deliveries,
    end: { kind: 'completed', at: last?.endedAt ?? e.timestamp },
  };
};

const handlerName = (handler: ForgeHandler): string => {
  try {
    return typeof handler.name === 'string' ? handler.name : '';
  } catch {
    return '';
  }
};

/** Plays one many-events scenario with the check's options. Must run inside the harness lock. */
export const playEvents = (handler: ForgeHandler, options: ResolvedOptions, scenario: EventsScenario, onStep?: StepObserver): Promise<EventsTrace> =>
  driveEvents(
    currentSession()!,
    { handler, options, ignoreSelf: options.manyEvents.ignoreSelf, selfTriggerDepth: options.settings.maxSelfTriggerDepth },
    scenario,
    onStep,
  );

/** The failures of the findings on one many-events trace, each with its report and the replay of `path`. */
export const eventsFailures = (
  handler: ForgeHandler,
  options: ResolvedOptions,
  trace: EventsTrace,
  findings: readonly EventsFinding[],
  at: { readonly path: EventsPath | EventsWalkPath; readonly narrowed: readonly PropertyId[] | undefined; readonly runs: number; readonly shrinks: number },
): CheckFailure[] => {
  const path = printReplayPath(at.path);
  const replay: Replay = replayOf(options, path, at.narrowed, true);
  const replayText = formatReplay(handlerName(handler), replay);
  return findings.map((f) => ({
    property: f.property,
    severity: 'failure' as const,
    message: f.violation.message,
    expected: f.violation.expected,
    received: f.violation.received,
    hint: f.violation.hint,
    trace: eventTrace(trace, f.violation.event ?? 0),
    events: trace,
    replay,
    runs: at.runs,
    shrinks: at.shrinks,
    report: formatEventsFailure({ property: f.property, violation: f.violation, trace, replay: replayText }),
  }));
};

/** The scenario without event `i` (its lateness and, if it was the duplicate, the duplicate too). */
const without = (s: EventsScenario, i: number): EventsScenario => ({
  ...s,
  changes: s.changes.filter((_, j) => j !== i),
  lateness: s.lateness.filter((_, j) => j !== i),
  duplicate: s.duplicate === undefined || s.duplicate === i ? undefined : s.duplicate > i ? s.duplicate - 1 : s.duplicate,
});

/**
 * After fast-check's shrinking, drops whole events (and the duplicate) while the same properties still
 * fail: a schedule refers to positions, so fast-check alone can stop at an event too many. Deterministic,
 * so a replay of the path ends at the same scenario.
 */
const fewerEvents = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  properties: readonly RetryProperty<PropertyId>[],
  scenario: EventsScenario,
): Promise<EventsScenario> => {
  const failing = async (s: EventsScenario): Promise<string> =>
    judgeEvents(await playEvents(handler, options, s), properties, options.settings)
      .map((f) => f.property)
      .join(',');
  const target = await failing(scenario);
  let current = scenario;
  for (let changed = true; changed;) {
    changed = false;
    const candidates = [
      ...(current.duplicate !== undefined ? [{ ...current, duplicate: undefined }] : []),
      ...current.changes.flatMap((_, i) => [without(current, i), { ...without(current, i), schedule: current.schedule.map((c) => Math.max(0, c - 1)) }]),
    ];
    for (const candidate of candidates) {
      if (candidate.changes.length === 0 || (await failing(candidate)) !== target) continue;
      current = candidate;
      changed = true;
      break;
    }
  }
  return current;
};

/** One round over `properties`: the shrunk failures of the first failing many-events scenario. */
const eventsRound = async (
  handler: ForgeHandler,
  options: ResolvedOptions,
  properties: readonly RetryProperty<PropertyId>[],
  narrowed: readonly PropertyId[] | undefined,
  replayPath: EventsPath | undefined,
  judged: Set<PropertyId>,
): Promise<{ readonly runs: number; readonly failures: CheckFailure[] }> => {
  const property = fc.asyncProperty(eventsScenarioArbitrary(), async (scenario) => {
    const trace = await playEvents(handler, options, scenario);
    for (const id of judgedByEvents(trace, properties, options.settings)) judged.add(id);
    return judgeEvents(trace, properties, options.settings).length === 0;
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.manyEvents.runs,
    // A path names the scenario to report: shrinking on from it (a path of a check with `shrink: false` is
    // unshrunk) would report another, and the replay would not reproduce the finding.
    endOnFailure: !options.shrink || replayPath !== undefined,
    ...(replayPath !== undefined ? { path: printReplayPath({ kind: 'sampled', run: replayPath.run, shrinks: replayPath.shrinks }) } : {}),
  });
  if (!details.failed) return { runs: details.numRuns, failures: [] };
  if (details.counterexample === null || details.counterexamplePath === null) {
    throw (details.errorInstance as unknown) instanceof Error
      ? details.errorInstance
      : new Error(formatMessage(`the many-events check failed without a counterexample: ${String(details.errorInstance)}`));
  }
  const [shrunk] = details.counterexample;
  const scenario = await fewerEvents(handler, options, properties, shrunk);
  const trace = await playEvents(handler, options, scenario);
  const findings = judgeEvents(trace, properties, options.settings);
  const found = readReplayPath(details.counterexamplePath);
  if (findings.length === 0 || found?.kind !== 'sampled') {
    throw new Error(
      formatMessage(
        `the handler failed many-events scenario ${details.counterexamplePath} once and passed it on replay; it is not deterministic under the harness`,
      ),
    );
  }
  return {
    runs: details.numRuns,
    failures: eventsFailures(handler, options, trace, findings, {
      path: { kind: 'events', run: found.run, shrinks: found.shrinks },
      narrowed,
      runs: details.numRuns,
      shrinks: details.numShrinks,
    }),
  };
};

/** What the many-events rounds of a check found, and which properties their traces gave anything to judge. */
export interface EventsRounds {
  readonly runs: number;
  readonly failures: CheckFailure[];
  readonly judged: readonly PropertyId[];
}

/**
 * Runs the many-events rounds of a check (or replays the one scenario `replayPath` names): every
 * violated many-events property is reported with its own shrunk scenario. Runs nothing for async
 * events, when turned off, or when no selected property judges events. Must run inside the harness lock.
 */
export const runEventsRounds = async (handler: ForgeHandler, options: ResolvedOptions, replayPath?: EventsPath): Promise<EventsRounds> => {
  const all = eventsProperties(options);
  const judged = new Set<PropertyId>();
  if (options.regime !== 'product-event' || options.manyEvents.runs === 0 || all.length === 0) return { runs: 0, failures: [], judged: [] };
  const failures: CheckFailure[] = [];
  let remaining = all;
  let runs = 0;
  while (remaining.length > 0) {
    const narrowed = remaining.length < options.properties.length ? remaining.map((p) => p.id) : undefined;
    const round = await eventsRound(handler, options, remaining, narrowed, replayPath, judged);
    runs += round.runs;
    failures.push(...round.failures);
    if (round.failures.length === 0 || replayPath !== undefined) break;
    remaining = remaining.filter((p) => !round.failures.some((f) => f.property === p.id));
  }
  // A property that failed had something to judge, whichever trace showed it.
  for (const f of failures) judged.add(f.property);
  return { runs, failures, judged: all.map((p) => p.id).filter((id) => judged.has(id)) };
};
