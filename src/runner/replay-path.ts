/**
 * Replay paths, parsed and printed in one place. A report's `path` names one scenario of a check:
 * - a sampled path is fast-check's: the run that failed, then the shrink taken at each step (`"13:2:0"`);
 * - a schedule path names one fault schedule of the exhaustive walk: `x`, the steps' numbers in
 *   SMALL_SCOPE_STEPS joined by dots, `d` when a duplicate delivery follows, and `c` when every
 *   redelivery comes to a fresh module instance (`"x1.3.0"`, `"xd"`, `"xdc"`).
 * - an events path names one many-events scenario: `e` and fast-check's path of the many-events round
 *   (`"e4:1:0"`);
 * - an events-walk path names one interleaving of the exhaustive walk of two events: `ew`, the pair's
 *   number in EVENTS_WALK_PAIRS, then `:` and the choice taken at each step joined by dots, trailing
 *   first choices left out (`"ew0:0.1"`, `"ew1"`).
 * Printing is canonical (no leading zeros), so `printReplayPath(readReplayPath(s))` gives `s` back.
 */
import { describeInput } from '../../models/render-value.js';
import { usageError } from '../messages/usage-error.js';
import { EVENTS_WALK_PAIRS, EVENTS_WALK_STEPS } from '../scenario/events.js';
import { SMALL_SCOPE_STEPS, type SmallScopeStep } from './small-scope-steps.js';

/** A sampled scenario: fast-check's run index and the shrinks that led from it to the reported one. */
export interface SampledPath {
  readonly kind: 'sampled';
  readonly run: number;
  readonly shrinks: readonly number[];
}

/** One fault schedule of the exhaustive walk. */
export interface SchedulePath {
  readonly kind: 'schedule';
  readonly steps: readonly SmallScopeStep[];
  /** A duplicate delivery follows the schedule. */
  readonly duplicate: boolean;
  /** Every redelivery comes to a fresh module instance (cold starts; only a check that loads the module walks these). */
  readonly cold?: boolean;
}

/** A many-events scenario: fast-check's run index and shrinks in the many-events round. */
export interface EventsPath {
  readonly kind: 'events';
  readonly run: number;
  readonly shrinks: readonly number[];
}

/** One interleaving of the exhaustive walk of two events. */
export interface EventsWalkPath {
  readonly kind: 'events-walk';
  /** The pair of events, by its place in EVENTS_WALK_PAIRS. */
  readonly pair: number;
  /** At step i, the choice taken among the deliveries that could go on (0 past the end). */
  readonly choices: readonly number[];
}

/** Where one scenario of a check is found again. */
export type ReplayPath = SampledPath | SchedulePath | EventsPath | EventsWalkPath;

const NUMBER = '(?:0|[1-9]\\d*)';
const SAMPLED = new RegExp(`^${NUMBER}(?::${NUMBER})*$`);
const SCHEDULE = new RegExp(`^x((?:${NUMBER}(?:\\.${NUMBER})*)?)(d?)(c?)$`);
const WALK = new RegExp(`^ew(${NUMBER})(?::(${NUMBER}(?:\\.${NUMBER})*))?$`);

/** Whole numbers past 2^53 would not print back as they were written. */
const numbers = (text: string, separator: string): number[] | undefined => {
  const values = text.split(separator).map(Number);
  return values.every(Number.isSafeInteger) ? values : undefined;
};

/**
 * Reads a replay path, or undefined when the text is not one.
 *
 * @example
 * readReplayPath('13:2:0') // { kind: 'sampled', run: 13, shrinks: [2, 0] }
 * readReplayPath('x1d')    // { kind: 'schedule', steps: ['rate-limited'], duplicate: true }
 */
export const readReplayPath = (text: string): ReplayPath | undefined => {
  const walk = WALK.exec(text);
  if (walk !== null) {
    const pair = Number(walk[1]);
    const choices = walk[2] === undefined ? [] : (numbers(walk[2], '.') ?? [0]);
    // Canonical: a trailing first choice is the same interleaving without it.
    if (!Number.isSafeInteger(pair) || choices[choices.length - 1] === 0) return undefined;
    return { kind: 'events-walk', pair, choices };
  }
  if (text.startsWith('e')) {
    const inner = readReplayPath(text.slice(1));
    return inner?.kind === 'sampled' ? { kind: 'events', run: inner.run, shrinks: inner.shrinks } : undefined;
  }
  if (SAMPLED.test(text)) {
    const values = numbers(text, ':');
    const [run, ...shrinks] = values ?? [];
    return run === undefined ? undefined : { kind: 'sampled', run, shrinks };
  }
  const m = SCHEDULE.exec(text);
  if (m === null) return undefined;
  const indices = (m[1] ?? '') === '' ? [] : numbers(m[1] ?? '', '.');
  const steps = indices?.map((i) => SMALL_SCOPE_STEPS[i]);
  if (steps === undefined || steps.some((s) => s === undefined)) return undefined;
  return { kind: 'schedule', steps: steps as SmallScopeStep[], duplicate: m[2] === 'd', ...(m[3] === 'c' ? { cold: true } : {}) };
};

/** Choices without their trailing zeros (the first choice is what every step past the end takes). */
const trimmed = (choices: readonly number[]): number[] => {
  let end = choices.length;
  while (end > 0 && choices[end - 1] === 0) end--;
  return choices.slice(0, end);
};

/**
 * A replay path as a report prints it.
 *
 * @example
 * printReplayPath({ kind: 'schedule', steps: ['rate-limited', 'ok'], duplicate: false }) // 'x1.0'
 */
export const printReplayPath = (path: ReplayPath): string =>
  path.kind === 'sampled'
    ? [path.run, ...path.shrinks].join(':')
    : path.kind === 'events'
      ? `e${[path.run, ...path.shrinks].join(':')}`
      : path.kind === 'events-walk'
        ? `ew${path.pair}${trimmed(path.choices).length > 0 ? `:${trimmed(path.choices).join('.')}` : ''}`
        : `x${path.steps.map((s) => SMALL_SCOPE_STEPS.indexOf(s)).join('.')}${path.duplicate ? 'd' : ''}${path.cold === true ? 'c' : ''}`;

/** How to correct a text that is not a replay path. */
export const replayPathFix = (text: unknown): string =>
  typeof text === 'string' && text.startsWith('x')
    ? `copy the schedule path from a report, like "x1.3.0": "x", step numbers from 0 to ${SMALL_SCOPE_STEPS.length - 1} joined by dots, then "d" for a duplicate delivery and "c" for cold redeliveries`
    : typeof text === 'string' && text.startsWith('ew')
      ? 'copy the walk path from a report, like "ew0:0.1": "ew", the pair number, then ":" and the choices joined by dots, the last one not 0'
      : 'copy the path from a report, like "13:2:0" (or "e4:1:0" for a many-events scenario), together with its seed';

/** The most scenarios one check samples (the bound of `numRuns`): no report names a run past it. */
export const MAX_NUM_RUNS = 1_000_000;
/** The deepest exhaustive walk (the bound of `exhaustive.depth`): no schedule is longer. */
export const MAX_SCHEDULE_DEPTH = 8;

/**
 * Why a well-formed path can name no scenario of any check, or undefined. Without the bound, a huge run
 * index has fast-check generate that many scenarios to reach it: minutes of CPU for a typo.
 *
 * @example
 * replayPathBeyond({ kind: 'sampled', run: 5_000_000, shrinks: [] }) // 'run 5000000 is past ...'
 */
export const replayPathBeyond = (path: ReplayPath): string | undefined => {
  if (path.kind === 'sampled' && path.run >= MAX_NUM_RUNS)
    return `run ${path.run} is past the last run any check makes (numRuns is at most ${MAX_NUM_RUNS}, so runs are 0..${MAX_NUM_RUNS - 1})`;
  if (path.kind === 'schedule' && path.steps.length > MAX_SCHEDULE_DEPTH)
    return `the schedule has ${path.steps.length} steps, and the deepest exhaustive walk has ${MAX_SCHEDULE_DEPTH}`;
  if (path.kind === 'events-walk' && path.pair >= EVENTS_WALK_PAIRS.length)
    return `pair ${path.pair} is past the last pair of events the walk plays (${EVENTS_WALK_PAIRS.length} pairs, 0..${EVENTS_WALK_PAIRS.length - 1})`;
  if (path.kind === 'events-walk' && path.choices.length > EVENTS_WALK_STEPS)
    return `the interleaving has ${path.choices.length} choices, and the walk of two events chooses at its first ${EVENTS_WALK_STEPS} steps only`;
  return undefined;
};

/**
 * Parses a replay path a user gave.
 *
 * @throws HarnessUsageError naming the bad text and what a path looks like.
 * @example
 * parseReplayPath('2:0:0') // { kind: 'sampled', run: 2, shrinks: [0, 0] }
 */
export const parseReplayPath = (text: unknown, name = 'option "path"'): ReplayPath =>
  (typeof text === 'string' ? readReplayPath(text) : undefined) ?? usageError(`${name} is ${describeInput(text)}`, replayPathFix(text));
