/** What a check returns: its result, each violated property, and how to replay it. */
import type { EventsTrace } from '../../models/events-trace.js';
import type { Trace } from '../../models/trace.js';
import type { PropertyId } from '../../properties/catalog.js';

/** How to replay one failure: pass these as options. */
export interface Replay {
  readonly seed: number;
  readonly path: string;
  /**
   * The properties the scenario was found with, when not every selected one: a path names a scenario
   * of that search, so it is replayed with the same selection.
   */
  readonly properties?: readonly PropertyId[];
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
}

/** The result of a check. */
export interface CheckResult {
  readonly passed: boolean;
  /** Scenarios run in all (a failing property's own count is on its failure). */
  readonly runs: number;
  readonly seed: number;
  /** Shrinking steps taken, over all failures. */
  readonly shrinks: number;
  readonly failures: readonly CheckFailure[];
  /** The whole readable report ('' when passed). */
  readonly report: string;
}
