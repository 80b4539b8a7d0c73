/**
 * What a check saw over all its runs, besides findings: what each run reached (coverage statistics), which
 * properties had anything to judge, and whether the handler ever made a request. From these come the
 * inconclusive verdicts: a property that never had anything to judge, or a handler that never reached
 * any I/O, is not reported as passed.
 */
import { describeThrown } from '../../models/render-value.js';
import type { Trace } from '../../models/trace.js';
import { propertyById, type PropertyId } from '../../properties/catalog.js';
import { judgedBy } from '../../properties/judge.js';
import { REACH_REAL_PATH } from '../../properties/support/supply.js';
import type { PropertySettings, RetryProperty } from '../../properties/types.js';
import { coverageOf, summariseCoverage, type RunCoverage } from './coverage.js';
import type { CheckFailure, CheckResult, InconclusiveReason, PropertyVerdict } from './results.js';

const isTypeError = (error: unknown): boolean => {
  try {
    return error instanceof Error && error.name === 'TypeError';
  } catch {
    return false;
  }
};

/** Collects what the runs of one check reached; each run index is counted once, whichever round plays it. */
export class CheckObserver {
  private readonly runs: RunCoverage[] = [];
  private readonly judged = new Set<PropertyId>();
  private requests = false;
  /** What the first delivery threw before any request, while every run so far did so. */
  private threwBeforeIo: string | undefined;
  private allThrewBeforeIo = true;

  constructor(
    private readonly properties: readonly RetryProperty<PropertyId>[],
    private readonly settings: PropertySettings,
    /** Whether the user supplied the payload: a throw on it is then the handler's, not the harness's guess. */
    private readonly payloadGiven: boolean,
  ) {}

  /** Marks properties judged by runs this observer does not see (the many-events rounds). */
  noteJudged(ids: Iterable<PropertyId>): void {
    for (const id of ids) this.judged.add(id);
  }

  /** How many runs have been counted. */
  get counted(): number {
    return this.runs.length;
  }

  /** Counts run number `index` (0-based) unless an earlier round already did. */
  observe(index: number, trace: Trace): void {
    for (const id of judgedBy(trace, this.properties, this.settings)) this.judged.add(id);
    if (index < this.runs.length) return;
    this.runs.push(coverageOf(trace));
    if (trace.deliveries.some((d) => d.requests.length > 0)) this.requests = true;
    // The first delivery, as the payload alone shapes it (no retryContext yet); a refused one never ran
    // the handler, so the run says nothing about the payload.
    const first = trace.deliveries[0];
    if (first === undefined || first.fault?.kind === 'refused') return;
    // A payload the handler was not written for shows as a TypeError (reading a field of undefined); a
    // deliberate throw is judged as one.
    if (first.outcome.kind === 'thrown' && first.requests.length === 0 && isTypeError(first.outcome.error))
      this.threwBeforeIo ??= describeThrown(first.outcome.error);
    else this.allThrewBeforeIo = false;
  }

  /** Whether every run's first delivery threw a TypeError before any I/O on a payload the user did not give. */
  private threwOnPayload(): boolean {
    return !this.requests && this.runs.length > 0 && this.allThrewBeforeIo && this.threwBeforeIo !== undefined && !this.payloadGiven;
  }

  /** Why the whole check is inconclusive when the handler never reached any I/O, if it did not. */
  private handlerReason(): InconclusiveReason | undefined {
    if (this.requests || this.runs.length === 0) return undefined;
    if (this.threwOnPayload()) {
      return {
        reason: `the handler threw on the payload before any I/O in every run (${this.threwBeforeIo})`,
        supply: 'the payload this trigger really receives (`event`; CLI --event FILE), or fix the read that throws',
      };
    }
    return { reason: 'the handler made no upstream request in any run', supply: REACH_REAL_PATH };
  }

  /** The result of the check from its findings, sorted into failures and warnings. */
  result(
    base: { readonly runs: number; readonly seed: number; readonly strictAssumptions: boolean },
    findings: readonly CheckFailure[],
    report: (shown: readonly CheckFailure[]) => string,
  ): CheckResult {
    const handler = this.handlerReason();
    // A handler that threw on the payload before any I/O every time met a payload it was not written
    // for, as likely as a bug: nothing else was judged, so the check is inconclusive, not failed.
    const threw = this.threwOnPayload();
    const kept = threw ? findings.filter((f) => f.property !== 'survives-every-delivery') : findings;
    const failures = kept.filter((f) => f.severity === 'failure' || base.strictAssumptions);
    const warnings = kept.filter((f) => f.severity === 'warning' && !base.strictAssumptions);
    const properties: PropertyVerdict[] = this.properties.map((p) => {
      if (failures.some((f) => f.property === p.id)) return { property: p.id, verdict: 'failed' };
      if (warnings.some((f) => f.property === p.id)) return { property: p.id, verdict: 'warned' };
      if (handler !== undefined) return { property: p.id, verdict: 'inconclusive', inconclusive: handler };
      if (!this.judged.has(p.id)) return { property: p.id, verdict: 'inconclusive', inconclusive: propertyById(p.id).unjudged };
      return { property: p.id, verdict: 'passed' };
    });
    const inconclusive =
      failures.length > 0 || warnings.length > 0
        ? undefined
        : (handler ??
          (properties.every((p) => p.verdict === 'inconclusive')
            ? { reason: 'no property had anything to judge in any run', supply: REACH_REAL_PATH }
            : undefined));
    const verdict = failures.length > 0 ? 'failed' : warnings.length > 0 ? 'warned' : inconclusive !== undefined ? 'inconclusive' : 'passed';
    const shown = [...failures, ...warnings];
    return {
      passed: failures.length === 0,
      verdict,
      runs: base.runs,
      seed: base.seed,
      shrinks: shown.reduce((sum, f) => sum + f.shrinks, 0),
      failures,
      warnings,
      properties,
      ...(inconclusive !== undefined ? { inconclusive } : {}),
      statistics: summariseCoverage(this.runs),
      notes: [],
      report: shown.length === 0 ? '' : report(shown),
    };
  }
}
