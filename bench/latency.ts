/**
 * 2 and 3. Latency of a default `checkRetrySemantics` (all properties, 100 runs, default seed): the
 * median of several repetitions after warm-up, for passing handlers (target < 100 ms) and for buggy
 * ones, where the time includes shrinking and the report (target < 1 s).
 */
import { checkRetrySemantics, type CheckResult, type PropertyId } from '../src/index.js';
import type { BenchCase } from './cases.js';
import { maxOf, median, minOf } from './stats.js';

export const LATENCY_CONFIG = {
  passingWarmup: 2,
  passingRepetitions: 7,
  failingWarmup: 1,
  failingRepetitions: 5,
  passingTargetMs: 100,
  failingTargetMs: 1000,
} as const;

export interface LatencyRow {
  readonly group: string;
  readonly handler: string;
  readonly passed: boolean;
  readonly runs: number;
  readonly shrinks: number;
  /** Properties reported as violated. */
  readonly failedProperties: readonly string[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samplesMs: readonly number[];
  readonly targetMs: number;
  readonly meetsTarget: boolean;
}

const measure = async (c: BenchCase, warmup: number, repetitions: number, targetMs: number): Promise<LatencyRow> => {
  let result: CheckResult | undefined;
  for (let i = 0; i < warmup; i++) result = await checkRetrySemantics(c.handler, c.options);
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const t0 = performance.now();
    result = await checkRetrySemantics(c.handler, c.options);
    samples.push(performance.now() - t0);
  }
  const r = result!;
  const medianMs = median(samples);
  return {
    group: c.group,
    handler: c.name,
    passed: r.passed,
    runs: r.runs,
    shrinks: r.shrinks,
    failedProperties: [...new Set(r.failures.map((f) => f.property))],
    medianMs,
    minMs: minOf(samples),
    maxMs: maxOf(samples),
    samplesMs: samples,
    targetMs,
    meetsTarget: medianMs < targetMs,
  };
};

export const runPassingLatency = async (cases: readonly BenchCase[]): Promise<LatencyRow[]> => {
  const rows: LatencyRow[] = [];
  const { passingWarmup, passingRepetitions, passingTargetMs } = LATENCY_CONFIG;
  for (const c of cases) rows.push(await measure(c, passingWarmup, passingRepetitions, passingTargetMs));
  return rows;
};

export const runFailingLatency = async (cases: readonly BenchCase[]): Promise<LatencyRow[]> => {
  const rows: LatencyRow[] = [];
  const { failingWarmup, failingRepetitions, failingTargetMs } = LATENCY_CONFIG;
  for (const c of cases) rows.push(await measure(c, failingWarmup, failingRepetitions, failingTargetMs));
  return rows;
};

/** For a failing check over its target: how much of it is the runner's last, passing round. */
export interface FailingMissRow {
  readonly handler: string;
  readonly medianMs: number;
  /** A check with the reported properties skipped: the round that confirms the others. */
  readonly lastRoundMs: number;
  readonly lastRoundRuns: number;
  /** Upstream requests in the first reported failure's (shrunk) trace. */
  readonly requestsInFailure: number;
}

/**
 * After every violated property is reported, the runner samples once more over the properties left;
 * that round passes, so it plays all `numRuns` scenarios. A check that skips the reported
 * properties is that round alone.
 */
export const explainFailingMisses = async (cases: readonly BenchCase[], rows: readonly LatencyRow[]): Promise<FailingMissRow[]> => {
  const out: FailingMissRow[] = [];
  for (const row of rows.filter((r) => !r.meetsTarget && !r.passed)) {
    const c = cases.find((x) => x.name === row.handler);
    if (c === undefined) continue;
    const t0 = performance.now();
    const last = await checkRetrySemantics(c.handler, { ...c.options, skip: row.failedProperties as PropertyId[] });
    const lastRoundMs = performance.now() - t0;
    const trace = (await checkRetrySemantics(c.handler, c.options)).failures[0]?.trace;
    out.push({
      handler: row.handler,
      medianMs: row.medianMs,
      lastRoundMs,
      lastRoundRuns: last.runs,
      requestsInFailure: trace === undefined ? 0 : trace.deliveries.reduce((n, d) => n + d.requests.length, 0),
    });
  }
  return out;
};
