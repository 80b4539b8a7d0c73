/** What a check returns: its result, each violated property, and how to replay it. */
import type { AssumptionCombination } from '../../models/assumption-combinations.js';
import type { AssumedRule } from '../../models/rules.js';
import type { EventsTrace } from '../../models/events-trace.js';
import type { Trace } from '../../models/trace.js';
import type { PropertyId } from '../../properties/catalog.js';
import type { CoverageStatistics } from './coverage.js';
import type { Replay } from '../report/replay.js';

export type { CoverageStatistics, FaultClass } from './coverage.js';
export type { Replay } from '../report/replay.js';

/**
 * How a finding fared when its shrunk scenario was replayed under every combination of plausible values of
 * the assumed rules it rests on (robust verdicts).
 */
export interface AssumptionVerdict {
  /** The assumed rules varied (those the finding rests on and the options did not pin). */
  readonly rules: readonly AssumedRule[];
  /** The combinations under which the finding still holds (the one it was found under first). */
  readonly holdsUnder: readonly AssumptionCombination[];
  /** The combinations under which it does not hold: empty for a failure. */
  readonly clearedUnder: readonly AssumptionCombination[];
  /** Combinations there are in all; more than were judged when `capped`. */
  readonly total: number;
  readonly capped: boolean;
  /** One line for the report: "fails only if productThrownError is 'not-retried'"; '' for a failure. */
  readonly only: string;
}

/** One violated property. */
export interface CheckFailure {
  readonly property: PropertyId;
  /** One line: what went wrong. */
  readonly message: string;
  readonly expected: string;
  readonly received: string;
  /** The usual fix. */
  readonly hint: string;
  /** The shrunk scenario's full delivery trace. */
  readonly trace: Trace;
  /** For a many-events finding: every event of the run and how their requests interleaved. */
  readonly events?: EventsTrace;
  readonly replay: Replay;
  /** Scenarios run until this property first failed. */
  readonly runs: number;
  /** Shrinking steps taken to reach the reported scenario. */
  readonly shrinks: number;
  /** The readable report of this failure: timeline, expected, received, replay, hint. */
  readonly report: string;
  /**
   * `failure` when it holds under every plausible value of the assumptions it rests on, `warning` when it
   * holds only under some (it fails the check only with `strictAssumptions`).
   */
  readonly severity: 'failure' | 'warning';
  /** How the finding fared under the assumptions it rests on; absent when it rests on none. */
  readonly assumptions?: AssumptionVerdict;
}

/** A verdict: of a whole check, or of one property in it. */
export type VerdictKind = 'passed' | 'failed' | 'warned' | 'inconclusive';

/** Why nothing was judged, and what the user can supply so that something is. */
export interface InconclusiveReason {
  /** e.g. "the handler made no upstream request in any run". */
  readonly reason: string;
  readonly supply: string;
}

/** The verdict of one property in a check. */
export interface PropertyVerdict {
  readonly property: PropertyId;
  readonly verdict: VerdictKind;
  /** Set when the verdict is `inconclusive`. */
  readonly inconclusive?: InconclusiveReason;
}

/** The result of a check. */
export interface CheckResult {
  /** False only when `failures` is not empty (warnings and inconclusive verdicts do not fail a check). */
  readonly passed: boolean;
  /**
   * `failed` when a finding holds under every plausible assumption (or under some, with strictAssumptions),
   * else `warned` when one holds under some, else `inconclusive` when no property had anything to judge in
   * any run, else `passed`.
   */
  readonly verdict: VerdictKind;
  /** Scenarios run in all (a failing property's own count is on its failure). */
  readonly runs: number;
  readonly seed: number;
  /** Shrinking steps taken, over all failures. */
  readonly shrinks: number;
  readonly failures: readonly CheckFailure[];
  /** Findings that hold only under some plausible values of the assumptions they rest on. */
  readonly warnings: readonly CheckFailure[];
  /** Each selected property's verdict, in catalog order. */
  readonly properties: readonly PropertyVerdict[];
  /** Set when the whole check is inconclusive: why, and what to supply. */
  readonly inconclusive?: InconclusiveReason;
  /** What the runs reached. */
  readonly statistics: CoverageStatistics;
  /**
   * What the check could not simulate and what to supply so that it can, one line each (e.g. cold starts,
   * when only the function was given). A note never changes a verdict. Empty when there is none.
   */
  readonly notes: readonly string[];
  /** The whole readable report of failures and warnings, then the notes ('' when there are no findings). */
  readonly report: string;
}

/** The note of a check given only the handler function: one instance served every delivery. */
export const COLD_STARTS_NOT_SIMULATED =
  'cold starts not simulated: only the handler function was given, so one module instance served every run and every delivery (a dedup `Set` or flag in a module variable goes unseen); pass `module: { file }` (or `{ load }`) and each run starts on a fresh instance, some redeliveries on another';
