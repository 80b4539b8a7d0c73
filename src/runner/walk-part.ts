/**
 * One job's part of an exhaustive walk split across the jobs of a CI matrix (`--shard i/n
 * --split-walks`), and the sum of the parts, which is the unsplit walk's result.
 *
 * The split has to be exact without the jobs talking to each other. Which schedules a level holds
 * depends on how every schedule of the level before it played (how far it was redelivered, and its
 * fingerprint against all earlier ones), so no job can skip a level that a later level grows from.
 * The deepest level grows nothing: every job walks the levels above it whole (the same in each) and
 * plays its own contiguous slice of the deepest level, after replaying the schedule just before the
 * slice for its late work (as a chunk of the `--workers` walk does). The deepest level holds most of
 * the walk (about 80% at five product-event deliveries), so n jobs take a little over a fifth of
 * the time plus a 1/n of the rest. Each job records what it saw as plain data ({@link WalkPartRecord});
 * {@link joinWalkParts} adds the records up in the walk's order, stops at the first failing slice as
 * the walk stops at its first failing schedule, and judges the sum as one check does.
 */
import { propertyById, type PropertyId } from '../../properties/catalog.js';
import type { ForgeHandler } from '../runtime/handler-call.js';
import { CheckObserver, type ObservedFinding, type ObserverState, type ResultWith } from './check-observer.js';
import { walkEvents } from './events-walk.js';
import { playWalkChunk, walkPlayed, type CountedRuns } from './exhaustive.js';
import type { ResolvedOptions } from './resolved-options.js';
import type { CheckFailure, CheckResult } from './results.js';
import { toResult } from './sampled.js';

/** The `index`-th (1-based) of `count` slices of the deepest level. */
export interface WalkSlice {
  readonly index: number;
  readonly count: number;
}

/** What one job of a split walk saw, as plain data for its JSON and for `merge`. */
export interface WalkPartRecord {
  readonly slice: WalkSlice;
  /** The properties judged, in the check's order (the order of its verdicts). */
  readonly properties: readonly PropertyId[];
  readonly payloadGiven: boolean;
  readonly strictAssumptions: boolean;
  readonly notes: readonly string[];
  /** The levels above the deepest, walked whole: the same in every job. `failed`: a schedule there failed, and the walk ended there. */
  readonly prefix: { readonly runs: number; readonly state: ObserverState; readonly failed: boolean };
  /** This job's schedules [from, to) of the `of` of the deepest level; `failed`: one of them failed, and the slice ended there. */
  readonly deepest: {
    readonly from: number;
    readonly to: number;
    readonly of: number;
    readonly runs: number;
    readonly state: ObserverState;
    readonly failed: boolean;
  };
  /** The walk of two events, which the first job plays (null in the others). */
  readonly events: { readonly runs: number; readonly judged: readonly PropertyId[] } | null;
}

/** One job's part: its record, the findings behind it, and this job's own result (its runs only). */
export interface WalkPart {
  readonly record: WalkPartRecord;
  /** The first failing schedule's findings (the prefix's or this slice's), and the events walk's. */
  readonly findings: { readonly walk: readonly CheckFailure[]; readonly events: readonly CheckFailure[] };
  /** The result of this job's runs alone; the walk's is the parts joined. */
  readonly result: CheckResult;
}

/** The schedules [from, to) of the `slice`-th of `count` near-equal contiguous slices of `size`. */
export const sliceRange = (slice: WalkSlice, size: number): { from: number; to: number } => ({
  from: Math.floor((size * (slice.index - 1)) / slice.count),
  to: Math.floor((size * slice.index) / slice.count),
});

/**
 * Walks this job's part of the exhaustive walk of `handler` to `depth` deliveries: the levels above
 * the deepest whole, and `slice` of the deepest.
 *
 * @example
 * const part = await walkPart(handler, options, 5, { index: 2, count: 4 });
 */
export const walkPart = async (handler: ForgeHandler, options: ResolvedOptions, depth: number, slice: WalkSlice): Promise<WalkPart> => {
  const observer = (): CheckObserver => new CheckObserver(options.properties, options.settings, options.payloadGiven);
  const prefix: CountedRuns = { observer: observer(), runs: 0 };
  const deepest: CountedRuns = { observer: observer(), runs: 0 };
  let range = { from: 0, to: 0, of: 0 };
  // The schedule before a slice was just played here unless the slice starts past the level's first.
  let replayPrevious = false;
  const walk = await walkPlayed(
    handler,
    options,
    depth,
    (schedules, previous) => playWalkChunk(handler, options, schedules, replayPrevious ? previous : undefined),
    (level) => (level < depth ? prefix : deepest),
    (level, size) => {
      if (level < depth) return { from: 0, to: size };
      range = { ...sliceRange(slice, size), of: size };
      replayPrevious = range.from > 0;
      return range;
    },
  );
  const prefixFailed = walk.length > 0 && range.of === 0 && deepest.runs === 0;
  const events = slice.index === 1 ? await walkEvents(handler, options) : undefined;
  const record: WalkPartRecord = {
    slice,
    properties: options.properties.map((p) => p.id),
    payloadGiven: options.payloadGiven,
    strictAssumptions: options.strictAssumptions,
    notes: [],
    prefix: { runs: prefix.runs, state: prefix.observer.state(), failed: prefixFailed },
    deepest: { ...range, runs: deepest.runs, state: deepest.observer.state(), failed: walk.length > 0 && !prefixFailed },
    events: events === undefined ? null : { runs: events.runs, judged: [...events.judged] },
  };
  const own = observer();
  own.absorb(record.prefix.state);
  own.absorb(record.deepest.state);
  own.noteJudged(events?.judged ?? []);
  const result = toResult(options, prefix.runs + deepest.runs + (events?.runs ?? 0), [...walk, ...(events?.failures ?? [])], own);
  return { record: { ...record, notes: result.notes }, findings: { walk, events: events?.failures ?? [] }, result };
};

/** One job's part as `merge` has it: its record and its findings in whatever form they were kept (without trace, in the CLI). */
export interface JoinablePart<F> {
  readonly record: WalkPartRecord;
  readonly findings: { readonly walk: readonly F[]; readonly events: readonly F[] };
}

/**
 * The result of the whole walk from the parts of every job, in slice order (1..n): what the unsplit
 * walk would have returned, but for its text report (empty here: `merge` writes JSON). Throws when
 * the parts are not the slices of one walk.
 *
 * @example
 * const result = joinWalkParts(parts, 20250101);
 */
export const joinWalkParts = <F extends ObservedFinding & { readonly runs: number }>(
  parts: readonly JoinablePart<F>[],
  seed: number,
): ResultWith<F> & { readonly notes: readonly string[] } => {
  const first = parts[0];
  if (first === undefined) throw new Error('joinWalkParts: no part');
  const problem = partsProblem(parts.map((p) => p.record));
  if (problem !== undefined) throw new Error(`joinWalkParts: ${problem}`);
  const { record } = first;
  const observer = new CheckObserver(record.properties.map(propertyById), undefined, record.payloadGiven);
  observer.absorb(record.prefix.state);
  let runs = record.prefix.runs;
  let walk: readonly F[] = record.prefix.failed ? first.findings.walk : [];
  if (!record.prefix.failed) {
    for (const part of parts) {
      observer.absorb(part.record.deepest.state);
      runs += part.record.deepest.runs;
      // The walk stops at its first failing schedule: the slices after this one were never played.
      if (part.record.deepest.failed) {
        walk = part.findings.walk;
        break;
      }
    }
  }
  // A finding of the walk names the runs played up to it, which its own job counted from its slice.
  const walkRuns = runs;
  observer.noteJudged(record.events?.judged ?? []);
  runs += record.events?.runs ?? 0;
  const findings = [...walk.map((f) => ({ ...f, runs: walkRuns })), ...first.findings.events];
  return { ...observer.result({ runs, seed, strictAssumptions: record.strictAssumptions }, findings, () => ''), notes: record.notes };
};

/**
 * Why `records` (in slice order) are not the parts of one walk, or undefined when they are: one
 * slice each of the same count, the same walk above the deepest level, slices that tile that level.
 */
export const partsProblem = (records: readonly WalkPartRecord[]): string | undefined => {
  const [first] = records;
  if (first === undefined) return 'no part';
  const count = first.slice.count;
  if (records.length !== count) return `${records.length} parts of a walk split in ${count}`;
  for (const [i, r] of records.entries()) {
    if (r.slice.index !== i + 1 || r.slice.count !== count) return `part ${i + 1} is slice ${r.slice.index}/${r.slice.count}`;
    if (JSON.stringify(r.prefix) !== JSON.stringify(first.prefix) || JSON.stringify(r.properties) !== JSON.stringify(first.properties))
      return `slice ${r.slice.index} walked other levels above the deepest than slice 1 (a different commit, seed or option?)`;
    const expected = sliceRange(r.slice, first.deepest.of);
    if (r.deepest.of !== first.deepest.of || r.deepest.from !== expected.from || r.deepest.to !== expected.to)
      return `slice ${r.slice.index} played schedules ${r.deepest.from}-${r.deepest.to} of ${r.deepest.of} of the deepest level, not ${expected.from}-${expected.to} of ${first.deepest.of}`;
  }
  if (first.events === null) return 'slice 1 has no walk of two events';
  return undefined;
};
