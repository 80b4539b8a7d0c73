/**
 * What a check saw over all its runs, besides findings: what each run reached (coverage statistics), which
 * properties had anything to judge, and whether the handler ever made a request. From these come the
 * inconclusive verdicts: a property that never had anything to judge, or a handler that never reached
 * any I/O, is not reported as passed.
 */
import { describeThrown } from '../../models/render-value.js';
import type { RequestRecord, Trace } from '../../models/trace.js';
import { propertyById, type PropertyId } from '../../properties/catalog.js';
import { judgedBy } from '../../properties/judge.js';
import { REACH_REAL_PATH } from '../../properties/support/supply.js';
import type { PropertySettings, RetryProperty } from '../../properties/types.js';
import { addTallies, coverageOf, EMPTY_TALLY, summariseTally, tallyOf, type CoverageTally, type RunCoverage } from './coverage.js';
import type { CheckFailure, CheckResult, InconclusiveReason, PropertyVerdict } from './results.js';

const isTypeError = (error: unknown): boolean => {
  try {
    return error instanceof Error && error.name === 'TypeError';
  } catch {
    return false;
  }
};

/** A store read by key: `kvs.get`, `getSecret`, an entity's `get`, and their legacy `storage` forms. */
const keyRead = (request: RequestRecord): { key: string; secret: boolean } | undefined => {
  const op = request.operation;
  if (op === undefined || (op.surface !== 'kvs' && op.surface !== 'storage') || op.key === undefined) return undefined;
  return op.name === 'get' || op.name === 'get-secret' ? { key: op.key, secret: op.name === 'get-secret' } : undefined;
};

/** Whether a store read found a value: @forge/kvs answers 404 for a missing key, legacy storage a null value. */
const readFound = (request: RequestRecord): boolean => {
  const r = request.response;
  if (r.kind !== 'http' || r.status !== 200) return false;
  if (request.operation?.surface !== 'storage') return true;
  try {
    const data = (JSON.parse(r.body) as { data?: Record<string, { value?: unknown } | null> }).data ?? {};
    return Object.values(data).some((field) => field?.value !== null && field?.value !== undefined);
  } catch {
    return true;
  }
};

/** How a seed of the keys a handler read reads in the options: `storage: { keys: { "settings": <its value> } }`. */
const seedFor = (reads: ReadonlyMap<string, boolean>): string => {
  const keys: string[] = [];
  const secrets: string[] = [];
  const entities = new Map<string, string[]>();
  for (const [key, secret] of reads) {
    const entity = /^entity:([^:]+):(.*)$/s.exec(key);
    if (entity !== null) entities.set(entity[1]!, [...(entities.get(entity[1]!) ?? []), entity[2]!]);
    else (secret ? secrets : keys).push(key);
  }
  const members = (ks: readonly string[]): string => `{ ${ks.map((k) => `${JSON.stringify(k)}: <its value>`).join(', ')} }`;
  const parts = [
    ...(keys.length > 0 ? [`keys: ${members(keys)}`] : []),
    ...(secrets.length > 0 ? [`secrets: ${members(secrets)}`] : []),
    ...(entities.size > 0 ? [`entities: { ${[...entities].map(([name, ks]) => `${JSON.stringify(name)}: ${members(ks)}`).join(', ')} }`] : []),
  ];
  return `storage: { ${parts.join(', ')} }`;
};

/**
 * What one run tells a {@link CheckObserver}, as plain data: a run played in another process (a
 * worker checking a chunk of the exhaustive walk) sends this instead of its trace.
 */
export interface RunObservation {
  /** The properties that had something to judge in the run. */
  readonly judged: readonly PropertyId[];
  readonly coverage: RunCoverage;
  /** Whether any delivery made a request. */
  readonly requests: boolean;
  /**
   * The first delivery, as the payload alone shapes it (no retryContext yet): `none` when there was
   * none or the platform refused it (the handler never ran, so the run says nothing about the payload).
   */
  readonly first: { readonly kind: 'none' } | { readonly kind: 'threw-before-io'; readonly thrown: string } | { readonly kind: 'other' };
  /** The store reads by key the run made, and whether each found a value. */
  readonly keyReads: readonly { readonly key: string; readonly secret: boolean; readonly found: boolean }[];
  /** Whether the run made any request that is not a store read by key. */
  readonly beyondKeyReads: boolean;
}

/**
 * What `trace` tells an observer of `properties`.
 *
 * @example
 * observer.record(observer.counted, observationOf(trace, options.properties, options.settings));
 */
export const observationOf = (trace: Trace, properties: readonly RetryProperty<PropertyId>[], settings: PropertySettings): RunObservation => {
  const first = trace.deliveries[0];
  // A payload the handler was not written for shows as a TypeError (reading a field of undefined); a
  // deliberate throw is judged as one.
  const firstSeen: RunObservation['first'] =
    first === undefined || first.fault?.kind === 'refused'
      ? { kind: 'none' }
      : first.outcome.kind === 'thrown' && first.requests.length === 0 && isTypeError(first.outcome.error)
        ? { kind: 'threw-before-io', thrown: describeThrown(first.outcome.error) }
        : { kind: 'other' };
  const requests = trace.deliveries.flatMap((d) => d.requests);
  const keyReads = requests.flatMap((request) => {
    const read = keyRead(request);
    return read === undefined ? [] : [{ ...read, found: readFound(request) }];
  });
  return {
    keyReads,
    beyondKeyReads: keyReads.length < requests.length,
    judged: [...judgedBy(trace, properties, settings)],
    coverage: coverageOf(trace),
    requests: trace.deliveries.some((d) => d.requests.length > 0),
    first: firstSeen,
  };
};

/**
 * What an observer has seen, as plain data that adds up in run order ({@link CheckObserver.absorb}):
 * the jobs of a split exhaustive walk each send theirs, and `merge` adds them up to the whole walk's.
 */
export interface ObserverState {
  readonly coverage: CoverageTally;
  /** The properties judged, in the order first judged. */
  readonly judged: readonly PropertyId[];
  readonly requests: boolean;
  readonly beyondKeyReads: boolean;
  /** The store keys read, in the order first read, with whether the last read of each was a secret's. */
  readonly keysRead: readonly (readonly [string, boolean])[];
  readonly keysFound: readonly string[];
  /** What the first delivery threw before any request, in the first run where it did; null if none did. */
  readonly threwBeforeIo: string | null;
  /** Whether every run whose first delivery ran threw so (true when none ran). */
  readonly allThrewBeforeIo: boolean;
}

/** What {@link CheckObserver.result} reads of a finding. */
export type ObservedFinding = Pick<CheckFailure, 'property' | 'severity' | 'shrinks'>;

/** A check's result with findings of type `F` (its own, or their form without trace). */
export type ResultWith<F> = Omit<CheckResult, 'failures' | 'warnings'> & { readonly failures: F[]; readonly warnings: F[] };

/** Collects what the runs of one check reached; each run index is counted once, whichever round plays it. */
export class CheckObserver {
  private coverage: CoverageTally = EMPTY_TALLY;
  private readonly judged = new Set<PropertyId>();
  private requests = false;
  /** Whether any run made a request other than a read of a store key. */
  private beyondKeyReads = false;
  /** The store keys read (with whether as a secret), and those a read ever found. */
  private readonly keysRead = new Map<string, boolean>();
  private readonly keysFound = new Set<string>();
  /** What the first delivery threw before any request, while every run so far did so. */
  private threwBeforeIo: string | undefined;
  private allThrewBeforeIo = true;

  constructor(
    private readonly properties: readonly RetryProperty<PropertyId>[],
    /** What judging a trace needs; undefined for an observer that only adds up states ({@link absorb}). */
    private readonly settings: PropertySettings | undefined,
    /** Whether the user supplied the payload: a throw on it is then the handler's, not the harness's guess. */
    private readonly payloadGiven: boolean,
  ) {}

  /** Marks properties judged by runs this observer does not see (the many-events rounds). */
  noteJudged(ids: Iterable<PropertyId>): void {
    for (const id of ids) this.judged.add(id);
  }

  /** How many runs have been counted. */
  get counted(): number {
    return this.coverage.runs;
  }

  /**
   * What this observer has seen, as data.
   *
   * @example
   * const before = observer.state(); // ... later: other.absorb(before)
   */
  state(): ObserverState {
    return {
      coverage: this.coverage,
      judged: [...this.judged],
      requests: this.requests,
      beyondKeyReads: this.beyondKeyReads,
      keysRead: [...this.keysRead],
      keysFound: [...this.keysFound],
      threwBeforeIo: this.threwBeforeIo ?? null,
      allThrewBeforeIo: this.allThrewBeforeIo,
    };
  }

  /**
   * Counts what another observer saw in runs that came after this one's, as if this one had seen
   * them: the runs of a later part of a split walk.
   */
  absorb(later: ObserverState): void {
    this.coverage = addTallies(this.coverage, later.coverage);
    this.noteJudged(later.judged);
    this.requests ||= later.requests;
    this.beyondKeyReads ||= later.beyondKeyReads;
    for (const [key, secret] of later.keysRead) this.keysRead.set(key, secret);
    for (const key of later.keysFound) this.keysFound.add(key);
    this.threwBeforeIo ??= later.threwBeforeIo ?? undefined;
    this.allThrewBeforeIo &&= later.allThrewBeforeIo;
  }

  /** Counts run number `index` (0-based) unless an earlier round already did. */
  observe(index: number, trace: Trace): void {
    if (this.settings === undefined) throw new Error('CheckObserver.observe: this observer adds up states and has no settings to judge a trace with');
    this.record(index, observationOf(trace, this.properties, this.settings));
  }

  /** {@link observe} for a run played elsewhere (a worker process of the CLI), from what it saw there. */
  record(index: number, seen: RunObservation): void {
    for (const id of seen.judged) this.judged.add(id);
    if (index < this.coverage.runs) return;
    this.coverage = addTallies(this.coverage, tallyOf(seen.coverage));
    if (seen.requests) this.requests = true;
    if (seen.beyondKeyReads) this.beyondKeyReads = true;
    for (const read of seen.keyReads) {
      this.keysRead.set(read.key, read.secret);
      if (read.found) this.keysFound.add(read.key);
    }
    if (seen.first.kind === 'none') return;
    if (seen.first.kind === 'threw-before-io') this.threwBeforeIo ??= seen.first.thrown;
    else this.allThrewBeforeIo = false;
  }

  /** Whether every run's first delivery threw a TypeError before any I/O on a payload the user did not give. */
  private threwOnPayload(): boolean {
    return !this.requests && this.coverage.runs > 0 && this.allThrewBeforeIo && this.threwBeforeIo !== undefined && !this.payloadGiven;
  }

  /**
   * Why the whole check is inconclusive when the handler never reached any I/O, or reached only reads of
   * store keys that were never there: a configuration-gated handler returning early on an empty store.
   */
  private handlerReason(): InconclusiveReason | undefined {
    if (this.coverage.runs === 0) return undefined;
    if (this.requests) {
      const missing = new Map([...this.keysRead].filter(([key]) => !this.keysFound.has(key)));
      if (this.beyondKeyReads || missing.size === 0) return undefined;
      return {
        reason: `the handler read only store keys that were never there (${[...missing.keys()].map((k) => JSON.stringify(k)).join(', ')}) and made no other request in any run`,
        supply: `seed them: ${seedFor(missing)} (an option, or a config file entry: the module's or "defaults")`,
      };
    }
    if (this.threwOnPayload()) {
      return {
        reason: `the handler threw on the payload before any I/O in every run (${this.threwBeforeIo})`,
        supply: 'the payload this trigger really receives (`event`; CLI --event FILE), or fix the read that throws',
      };
    }
    return { reason: 'the handler made no upstream request in any run', supply: REACH_REAL_PATH };
  }

  /**
   * The result of the check from its findings, sorted into failures and warnings. The findings may be
   * a check's own or, for `merge`, their JSON-ready form (no trace): only property, severity and
   * shrinks are read.
   */
  result<F extends ObservedFinding = CheckFailure>(
    base: { readonly runs: number; readonly seed: number; readonly strictAssumptions: boolean },
    findings: readonly F[],
    report: (shown: readonly F[]) => string,
  ): ResultWith<F> {
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
      statistics: summariseTally(this.coverage),
      notes: [],
      report: shown.length === 0 ? '' : report(shown),
    };
  }
}
