/**
 * 4. Detection: for each buggy handler, over seeds 1..20 with only its property selected, how many
 * runs it takes to the first failure (`failure.runs`: fast-check's `numRuns`, the failing run
 * included), how small the shrunk failure is (deliveries and requests in its trace, and
 * `failure.shrinks`), and whether every seed found it within the default 100 runs. Checks run
 * with a higher cap so that a handler found late still gets a number.
 */
import { checkRetrySemantics, type PropertyId } from '../src/index.js';
import type { BenchCase, BuggyBenchCase } from './cases.js';
import { maxOf, median, sumOf } from './stats.js';

export const DETECTION_CONFIG = { seeds: 20, firstSeed: 1, maxRuns: 1000, defaultRuns: 100 } as const;

const SEEDS = Array.from({ length: DETECTION_CONFIG.seeds }, (_, i) => DETECTION_CONFIG.firstSeed + i);

/** One seed's outcome: `runs` is null when the bug was not found within `maxRuns`. */
export interface SeedOutcome {
  readonly seed: number;
  readonly runs: number | null;
  readonly shrinks: number | null;
  readonly deliveries: number | null;
  readonly requests: number | null;
  readonly reported: readonly PropertyId[];
}

export interface DetectionRow {
  readonly group: string;
  readonly handler: string;
  /** The selected property, or 'all' for a default check. */
  readonly property: PropertyId | 'all';
  readonly seeds: number;
  readonly foundOnSeeds: number;
  readonly foundWithin100OnSeeds: number;
  readonly foundWithin100OnEverySeed: boolean;
  readonly runsMedian: number | null;
  readonly runsMax: number | null;
  readonly shrinksMedian: number | null;
  readonly shrinksMax: number | null;
  readonly deliveriesMedian: number | null;
  readonly deliveriesMax: number | null;
  readonly requestsMedian: number | null;
  readonly requestsMax: number | null;
  readonly wallMs: number;
  readonly perSeed: readonly SeedOutcome[];
}

const found = (xs: readonly (number | null)[]): number[] => xs.filter((x): x is number => x !== null);
const med = (xs: readonly (number | null)[]): number | null => (found(xs).length === 0 ? null : median(found(xs)));
const mx = (xs: readonly (number | null)[]): number | null => (found(xs).length === 0 ? null : maxOf(found(xs)));

const detect = async (c: BenchCase, property: PropertyId | 'all', numRuns: number): Promise<DetectionRow> => {
  const t0 = performance.now();
  const perSeed: SeedOutcome[] = [];
  for (const seed of SEEDS) {
    const r = await checkRetrySemantics(c.handler, {
      ...c.options,
      ...(property === 'all' ? {} : { properties: [property] }),
      seed,
      numRuns,
    });
    // The first round's failures carry no narrowed property list; later rounds re-sample what is left.
    const failure = property === 'all' ? r.failures.find((f) => f.replay.properties === undefined) : r.failures.find((f) => f.property === property);
    perSeed.push(
      failure === undefined
        ? { seed, runs: null, shrinks: null, deliveries: null, requests: null, reported: [] }
        : {
            seed,
            runs: failure.runs,
            shrinks: failure.shrinks,
            deliveries: failure.trace.deliveries.length,
            requests: sumOf(failure.trace.deliveries.map((d) => d.requests.length)),
            reported: [...new Set(r.failures.map((f) => f.property))],
          },
    );
  }
  const runs = perSeed.map((s) => s.runs);
  const within = perSeed.filter((s) => s.runs !== null && s.runs <= DETECTION_CONFIG.defaultRuns).length;
  return {
    group: c.group,
    handler: c.name,
    property,
    seeds: SEEDS.length,
    foundOnSeeds: found(runs).length,
    foundWithin100OnSeeds: within,
    foundWithin100OnEverySeed: within === SEEDS.length,
    runsMedian: med(runs),
    runsMax: mx(runs),
    shrinksMedian: med(perSeed.map((s) => s.shrinks)),
    shrinksMax: mx(perSeed.map((s) => s.shrinks)),
    deliveriesMedian: med(perSeed.map((s) => s.deliveries)),
    deliveriesMax: mx(perSeed.map((s) => s.deliveries)),
    requestsMedian: med(perSeed.map((s) => s.requests)),
    requestsMax: mx(perSeed.map((s) => s.requests)),
    wallMs: performance.now() - t0,
    perSeed,
  };
};

/** Each case with only its own property selected. */
export const runDetection = async (cases: readonly BuggyBenchCase[]): Promise<DetectionRow[]> => {
  const rows: DetectionRow[] = [];
  for (const c of cases) rows.push(await detect(c, c.property, DETECTION_CONFIG.maxRuns));
  return rows;
};

/**
 * Each case with its default options (every property, 100 runs), as a one-line test checks it. The
 * cap stays at 100 here: after the first failure the runner samples again for the properties not yet
 * failed, and with a higher cap that last, passing round would run to the cap.
 */
export const runDetectionAllProperties = async (cases: readonly BenchCase[]): Promise<DetectionRow[]> => {
  const rows: DetectionRow[] = [];
  for (const c of cases) rows.push(await detect(c, 'all', DETECTION_CONFIG.defaultRuns));
  return rows;
};
