/**
 * Where the time of a passing check goes. Re-composes the runner (src/runner/sampled.ts) from the
 * same parts, with a stopwatch around each: options and lock (resolveOptions, HarnessSession
 * open/close), fast-check (generating 100 scenarios, everything fc.check does around the property),
 * drive (the runtime and the model), judge (usage problems and the properties). It also measures what
 * the fake clock costs per invocation: the session installs it once per check, and `runInvocation`
 * resets it and sets its time at the start of each invocation and resets it again at the end.
 */
import FakeTimers from '@sinonjs/fake-timers';
import fc from 'fast-check';
import { resolveOptions } from '../src/api/options.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import { judge } from '../properties/judge.js';
import { playScenario } from '../src/runner/sampled.js';
import { usageProblem } from '../src/runner/usage-problems.js';
import { withHarnessLock } from '../src/runtime/lock.js';
import type { BenchCase } from './cases.js';
import { median } from './stats.js';

export interface BreakdownRow {
  readonly group: string;
  readonly handler: string;
  readonly totalMs: number;
  readonly optionsAndSessionMs: number;
  readonly fastCheckMs: number;
  readonly driveMs: number;
  readonly judgeMs: number;
  readonly runs: number;
  readonly deliveries: number;
  /** Deliveries that ran the handler: one fake-clock reset each. */
  readonly invocations: number;
  readonly driveUsPerInvocation: number;
  /** invocations x the measured per-invocation clock cost. */
  readonly fakeTimersEstimateMs: number;
}

export const BREAKDOWN_REPETITIONS = 3;

/**
 * Microseconds the runtime's fake clock costs one invocation: `reset` + `setSystemTime` before it and
 * `reset` after it (src/runtime/run-invocation.ts), on a clock installed once, as the session does.
 */
export const fakeClockPerInvocationUs = (): number => {
  const clock = FakeTimers.withGlobal(globalThis).install({ now: 0, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  try {
    const once = (i: number): void => {
      clock.reset();
      clock.setSystemTime(1_735_689_600_000 + i);
      clock.reset();
    };
    for (let i = 0; i < 300; i++) once(i);
    const n = 3000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) once(i);
    return ((performance.now() - t0) * 1000) / n;
  } finally {
    clock.uninstall();
  }
};

const instrumentedCheck = async (c: BenchCase) => {
  let driveMs = 0;
  let judgeMs = 0;
  let runs = 0;
  let deliveries = 0;
  let invocations = 0;
  let insideMs = 0;
  const t0 = performance.now();
  const { handler, options } = resolveOptions(c.handler, c.options);
  await withHarnessLock(async () => {
    const t1 = performance.now();
    const property = fc.asyncProperty(scenarioArbitrary({ regime: options.regime }), options.event, async (scenario, event) => {
      const a = performance.now();
      const trace = await playScenario(handler, options, scenario, event);
      const b = performance.now();
      const ok = usageProblem(trace) === undefined && judge(trace, options.properties, options.settings).length === 0;
      judgeMs += performance.now() - b;
      driveMs += b - a;
      runs += 1;
      deliveries += trace.deliveries.length;
      invocations += trace.deliveries.filter((d) => d.fault?.kind !== 'refused').length;
      return ok;
    });
    await fc.check(property, { seed: options.seed, numRuns: options.numRuns });
    insideMs = performance.now() - t1;
  });
  const totalMs = performance.now() - t0;
  return { totalMs, optionsAndSessionMs: totalMs - insideMs, fastCheckMs: insideMs - driveMs - judgeMs, driveMs, judgeMs, runs, deliveries, invocations };
};

/** The median (by total) of a few instrumented checks per case. */
export const runBreakdown = async (cases: readonly BenchCase[], clockUs: number): Promise<BreakdownRow[]> => {
  const rows: BreakdownRow[] = [];
  for (const c of cases) {
    await instrumentedCheck(c);
    const samples = [];
    for (let i = 0; i < BREAKDOWN_REPETITIONS; i++) samples.push(await instrumentedCheck(c));
    const mid = median(samples.map((s) => s.totalMs));
    const s = samples.reduce((best, x) => (Math.abs(x.totalMs - mid) < Math.abs(best.totalMs - mid) ? x : best));
    rows.push({
      group: c.group,
      handler: c.name,
      ...s,
      driveUsPerInvocation: (1000 * s.driveMs) / Math.max(1, s.invocations),
      fakeTimersEstimateMs: (s.invocations * clockUs) / 1000,
    });
  }
  return rows;
};
