/**
 * What checking one target came to, for the output formats. It is plain data (no trace, whose values
 * are whatever the handler returned or threw), so a worker process can send it back as it is; each
 * failure carries its timeline already drawn as a Mermaid diagram instead.
 */
import type { CheckFailure, CheckResult } from '../api/types.js';
import type { JoinablePart } from '../api/walk-chunks.js';
import type { PropertyId } from '../../properties/catalog.js';
import { failureDiagram } from './mermaid.js';
import type { CheckTarget } from './target.js';

/** One violated property, without its trace. */
export interface OutcomeFailure extends Omit<CheckFailure, 'trace'> {
  /** The timeline as Mermaid sequence-diagram source (no fence). */
  readonly diagram: string;
}

/** A check's result, without traces. */
export interface OutcomeResult extends Omit<CheckResult, 'failures' | 'warnings'> {
  readonly failures: readonly OutcomeFailure[];
  readonly warnings: readonly OutcomeFailure[];
}

/** One job's part of a split exhaustive walk, its findings without traces: what its JSON carries to `merge`. */
export type OutcomeWalkPart = JoinablePart<OutcomeFailure>;

/** One target's outcome. */
export type HandlerOutcome =
  | {
      readonly kind: 'checked';
      readonly target: CheckTarget;
      /** The properties it was judged against. */
      readonly properties: readonly PropertyId[];
      readonly result: OutcomeResult;
      readonly milliseconds: number;
      /** `--split-walks`: this job's part of the handler's exhaustive walk, for `merge` to join. */
      readonly walkPart?: OutcomeWalkPart;
    }
  | { readonly kind: 'skipped'; readonly target: CheckTarget; readonly reason: string }
  | {
      /** The check could not run (a HarnessUsageError from the harness, e.g. an SDK surface it cannot judge). */
      readonly kind: 'error';
      readonly target: CheckTarget;
      readonly properties: readonly PropertyId[];
      readonly message: string;
    };

/**
 * A failure without its trace, its diagram drawn first.
 *
 * @example
 * result.failures.map(outcomeFailure)
 */
export const outcomeFailure = ({ trace, ...failure }: CheckFailure): OutcomeFailure => ({
  ...failure,
  diagram: failureDiagram(trace, failure.property, failure.message),
});

/** Drops the traces of a result, drawing each failure's diagram first. */
export const outcomeResult = (result: CheckResult): OutcomeResult => {
  return {
    passed: result.passed,
    verdict: result.verdict,
    runs: result.runs,
    seed: result.seed,
    shrinks: result.shrinks,
    failures: result.failures.map(outcomeFailure),
    warnings: result.warnings.map(outcomeFailure),
    properties: result.properties,
    ...(result.inconclusive !== undefined ? { inconclusive: result.inconclusive } : {}),
    statistics: result.statistics,
    notes: result.notes,
    report: result.report,
  };
};

/** What a checked outcome's verdict means for the exit status: inconclusive fails only under --strict. */
export const outcomeFails = (o: HandlerOutcome, strict: boolean): boolean =>
  o.kind === 'checked' && (!o.result.passed || (strict && o.result.verdict === 'inconclusive'));

/** Counts for the summary line. */
export const tally = (outcomes: readonly HandlerOutcome[]) => ({
  checked: outcomes.filter((o) => o.kind !== 'skipped').length,
  passed: outcomes.filter((o) => o.kind === 'checked' && o.result.verdict === 'passed').length,
  failed: outcomes.filter((o) => o.kind === 'checked' && !o.result.passed).length,
  warned: outcomes.filter((o) => o.kind === 'checked' && o.result.verdict === 'warned').length,
  inconclusive: outcomes.filter((o) => o.kind === 'checked' && o.result.verdict === 'inconclusive').length,
  errors: outcomes.filter((o) => o.kind === 'error').length,
  skipped: outcomes.filter((o) => o.kind === 'skipped').length,
});

/** The marker of a verdict in the text and Markdown output: `?` for inconclusive, `⚠` for a warning. */
export const VERDICT_MARKERS = { passed: '✓', failed: '✗', warned: '⚠', inconclusive: '?' } as const;
