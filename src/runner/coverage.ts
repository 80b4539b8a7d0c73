/**
 * Coverage statistics of a check, like fast-check's `statistics`: how many runs reached the situations the
 * properties judge (a retry, the last permitted retry, a platform retry, a duplicate), the faults injected
 * by class and the requests per delivery. They tell a user whether a pass means much.
 */
import type { Trace } from '../../models/trace.js';

/** A class of fault the scenario injected. */
export type FaultClass = 'rate-limited' | 'server-error' | 'network-error' | 'timeout' | 'out-of-memory' | 'platform-refused';

/** The fault classes in report order. */
export const FAULT_CLASSES: readonly FaultClass[] = ['rate-limited', 'server-error', 'network-error', 'timeout', 'out-of-memory', 'platform-refused'];

/** What one run reached, as counted for the statistics. */
export interface RunCoverage {
  readonly retry: boolean;
  readonly lastRetry: boolean;
  readonly platformRetry: boolean;
  readonly duplicate: boolean;
  readonly faults: Readonly<Record<FaultClass, number>>;
  readonly requestsPerDelivery: readonly number[];
}

/** A check's coverage statistics: counts of runs (not shares, so that JSON stays exact). */
export interface CoverageStatistics {
  /** Runs counted (generated scenarios or walked schedules; shrinking and re-judging are not counted). */
  readonly runs: number;
  /** Runs with at least one redelivery the app or the platform asked for. */
  readonly reachedRetry: number;
  /** Runs that reached the last permitted retry (retryCount 4 for product events). */
  readonly reachedLastRetry: number;
  /** Runs with a platform retry (timeout, OOM, platform error). */
  readonly reachedPlatformRetry: number;
  /** Runs with an at-least-once duplicate delivery. */
  readonly reachedDuplicate: number;
  /** Faults injected, by class, over all runs. */
  readonly faults: Readonly<Record<FaultClass, number>>;
  /** Upstream requests per delivery over all runs; null when no delivery took place. */
  readonly requestsPerDelivery: { readonly min: number; readonly median: number; readonly max: number } | null;
}

const noFaults = (): Record<FaultClass, number> => ({
  'rate-limited': 0,
  'server-error': 0,
  'network-error': 0,
  timeout: 0,
  'out-of-memory': 0,
  'platform-refused': 0,
});

/** What one trace reached. */
export const coverageOf = (trace: Trace): RunCoverage => {
  const faults = noFaults();
  for (const d of trace.deliveries) {
    if (d.fault?.kind === 'crash-at-request') faults[d.fault.fault] += 1;
    if (d.fault?.kind === 'refused') faults['platform-refused'] += 1;
    for (const r of d.requests) {
      if (r.source !== 'plan') continue;
      if (r.response.kind === 'network-error') faults['network-error'] += 1;
      else if (r.response.kind === 'http' && r.response.status === 429) faults['rate-limited'] += 1;
      else if (r.response.kind === 'http' && r.response.status >= 500) faults['server-error'] += 1;
    }
  }
  const max = trace.rules.maxRetries;
  return {
    retry: trace.deliveries.some((d) => d.kind === 'app-retry' || d.kind === 'platform-retry'),
    lastRetry: trace.deliveries.some((d) => (d.retryContext?.retryCount ?? 0) >= max),
    platformRetry: trace.deliveries.some((d) => d.kind === 'platform-retry'),
    duplicate: trace.deliveries.some((d) => d.kind === 'duplicate'),
    faults,
    requestsPerDelivery: trace.deliveries.map((d) => d.requests.length),
  };
};

/**
 * The statistics of runs so far, in a form that adds up: what a check keeps while it runs, and what
 * the jobs of a split exhaustive walk send to `merge`, whose sum is the tally of the whole walk. Plain data.
 */
export interface CoverageTally extends Omit<CoverageStatistics, 'requestsPerDelivery'> {
  /** How many deliveries made each number of requests: `[requests, deliveries]`, requests ascending. */
  readonly requestsPerDelivery: readonly (readonly [number, number])[];
}

/** The tally of no run. */
export const EMPTY_TALLY: CoverageTally = {
  runs: 0,
  reachedRetry: 0,
  reachedLastRetry: 0,
  reachedPlatformRetry: 0,
  reachedDuplicate: 0,
  faults: noFaults(),
  requestsPerDelivery: [],
};

const histogramSum = (a: CoverageTally['requestsPerDelivery'], b: CoverageTally['requestsPerDelivery']): [number, number][] => {
  const counts = new Map<number, number>(a.map(([n, c]) => [n, c]));
  for (const [n, c] of b) counts.set(n, (counts.get(n) ?? 0) + c);
  return [...counts].sort(([x], [y]) => x - y);
};

/**
 * The tally of the runs of `a` and `b` together.
 *
 * @example
 * addTallies(EMPTY_TALLY, tallyOf(run)) // the tally of one run
 */
export const addTallies = (a: CoverageTally, b: CoverageTally): CoverageTally => {
  const faults = noFaults();
  for (const c of FAULT_CLASSES) faults[c] = a.faults[c] + b.faults[c];
  return {
    runs: a.runs + b.runs,
    reachedRetry: a.reachedRetry + b.reachedRetry,
    reachedLastRetry: a.reachedLastRetry + b.reachedLastRetry,
    reachedPlatformRetry: a.reachedPlatformRetry + b.reachedPlatformRetry,
    reachedDuplicate: a.reachedDuplicate + b.reachedDuplicate,
    faults,
    requestsPerDelivery: histogramSum(a.requestsPerDelivery, b.requestsPerDelivery),
  };
};

/** The tally of one run. */
export const tallyOf = (run: RunCoverage): CoverageTally => ({
  runs: 1,
  reachedRetry: run.retry ? 1 : 0,
  reachedLastRetry: run.lastRetry ? 1 : 0,
  reachedPlatformRetry: run.platformRetry ? 1 : 0,
  reachedDuplicate: run.duplicate ? 1 : 0,
  faults: { ...run.faults },
  requestsPerDelivery: histogramSum(
    [],
    run.requestsPerDelivery.map((n) => [n, 1]),
  ),
});

/** The statistics of the runs a tally counted. */
export const summariseTally = (t: CoverageTally): CoverageStatistics => {
  const deliveries = t.requestsPerDelivery.reduce((sum, [, c]) => sum + c, 0);
  // The lower median of an even count: a whole number of requests, as every count is.
  const middle = Math.floor((deliveries - 1) / 2);
  let seen = 0;
  const median = t.requestsPerDelivery.find(([, c]) => (seen += c) > middle)?.[0] ?? 0;
  return {
    runs: t.runs,
    reachedRetry: t.reachedRetry,
    reachedLastRetry: t.reachedLastRetry,
    reachedPlatformRetry: t.reachedPlatformRetry,
    reachedDuplicate: t.reachedDuplicate,
    faults: { ...t.faults },
    requestsPerDelivery: deliveries === 0 ? null : { min: t.requestsPerDelivery[0]![0], median, max: t.requestsPerDelivery.at(-1)![0] },
  };
};

/** The statistics of the runs counted. */
export const summariseCoverage = (runs: readonly RunCoverage[]): CoverageStatistics => summariseTally(runs.map(tallyOf).reduce(addTallies, EMPTY_TALLY));

const share = (n: number, of: number): string => `${of === 0 ? 0 : Math.round((100 * n) / of)}%`;

/**
 * The statistics in one compact line for the text report.
 *
 * @example
 * formatCoverage(stats) // 'coverage   100 runs: retry 41%, retryCount 4 3%, platform retry 12%, duplicate 9%; faults 429 x52, 5xx x30, ...; requests/delivery 0-1-6'
 */
export const formatCoverage = (s: CoverageStatistics): string => {
  const faults = FAULT_CLASSES.filter((c) => s.faults[c] > 0).map((c) => `${FAULT_WORDS[c]} x${s.faults[c]}`);
  const rpd = s.requestsPerDelivery === null ? 'none' : `${s.requestsPerDelivery.min}/${s.requestsPerDelivery.median}/${s.requestsPerDelivery.max}`;
  return (
    `${s.runs} run${s.runs === 1 ? '' : 's'}: retry ${share(s.reachedRetry, s.runs)}, retryCount 4 ${share(s.reachedLastRetry, s.runs)}, ` +
    `platform retry ${share(s.reachedPlatformRetry, s.runs)}, duplicate ${share(s.reachedDuplicate, s.runs)}; ` +
    `faults ${faults.length === 0 ? 'none' : faults.join(', ')}; requests/delivery min/median/max ${rpd}`
  );
};

const FAULT_WORDS: Readonly<Record<FaultClass, string>> = {
  'rate-limited': '429',
  'server-error': '5xx',
  'network-error': 'network',
  timeout: 'timeout',
  'out-of-memory': 'OOM',
  'platform-refused': 'refused',
};
