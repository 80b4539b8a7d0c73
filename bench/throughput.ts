/**
 * 1. Throughput: full delivery sequences per second through the simulated runtime and the delivery
 * model (`drive` inside `withHarnessLock`, as the runner does), over a fixed sample of generated
 * scenarios; and the overhead against a floor that calls the same handler the same number of times
 * with nothing but a stub `__forge_fetch__` answering `new Response('{}')`.
 */
import fc from 'fast-check';
import { DEFAULT_PLATFORM_RULES } from '../models/rules.js';
import type { Trace } from '../models/trace.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import { drive } from '../src/runner/drive.js';
import { DEFAULT_PRODUCT_EVENT } from '../src/payloads/default-events.js';
import type { ForgeHandler } from '../src/index.js';
import { withHarnessLock } from '../src/runtime/lock.js';
import type { Scenario } from '../src/scenario/types.js';
import { REFERENCE_HANDLERS } from './reference-handlers.js';
import { median } from './stats.js';

/** The fixed scenario sample. */
export const THROUGHPUT_CONFIG = { scenarios: 300, scenarioSeed: 42, warmupPasses: 1, measuredPasses: 5 } as const;

export interface ThroughputRow {
  readonly id: string;
  readonly handler: string;
  readonly sequences: number;
  /** Delivery records in the traces (including refused deliveries and duplicates). */
  readonly deliveries: number;
  /** Deliveries that ran the handler (a refused delivery does not). */
  readonly invocations: number;
  readonly harnessPassMs: number;
  readonly harnessPassesMs: readonly number[];
  readonly sequencesPerSecond: number;
  readonly deliveriesPerSecond: number;
  readonly usPerDelivery: number;
  readonly floorPassMs: number;
  readonly floorPassesMs: readonly number[];
  readonly floorUsPerInvocation: number;
  readonly overheadRatio: number;
  readonly floorNote: string;
}

const invocationsOf = (trace: Trace): number => trace.deliveries.filter((d) => d.fault?.kind !== 'refused').length;

const harnessPass = (handler: ForgeHandler, scenarios: readonly Scenario[]) =>
  withHarnessLock(async () => {
    let deliveries = 0;
    let invocations = 0;
    for (const scenario of scenarios) {
      const trace = await drive({ handler, regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, event: DEFAULT_PRODUCT_EVENT, scenario });
      deliveries += trace.deliveries.length;
      invocations += invocationsOf(trace);
    }
    return { deliveries, invocations };
  });

/** Puts `value` at `globalThis[key]` and returns how to put back what was there. */
const stubGlobal = (key: string, value: unknown): (() => void) => {
  const holder = globalThis as unknown as Record<string, unknown>;
  const before = Object.getOwnPropertyDescriptor(holder, key);
  holder[key] = value;
  return () => {
    if (before === undefined) Reflect.deleteProperty(holder, key);
    else Object.defineProperty(holder, key, before);
  };
};

const stubForgeFetch = async (): Promise<Response> => new Response('{}');

/** `setTimeout` that runs its callback on the next microtask: the floor cannot sleep for real. */
const instantSetTimeout = (callback: (...args: unknown[]) => void, _ms?: number, ...args: unknown[]): number => {
  queueMicrotask(() => callback(...args));
  return 0;
};

const floorPass = async (handler: ForgeHandler, invocations: number, instantTimers: boolean): Promise<void> => {
  const restores = [stubGlobal('__forge_fetch__', stubForgeFetch), ...(instantTimers ? [stubGlobal('setTimeout', instantSetTimeout)] : [])];
  try {
    const context = { installContext: 'ari:cloud:jira::site/bench' };
    for (let i = 0; i < invocations; i++) await handler(DEFAULT_PRODUCT_EVENT, context);
  } finally {
    for (const restore of restores.reverse()) restore();
  }
};

const passes = async (warmup: number, measured: number, pass: () => Promise<unknown>): Promise<number[]> => {
  for (let i = 0; i < warmup; i++) await pass();
  const times: number[] = [];
  for (let i = 0; i < measured; i++) {
    const t0 = performance.now();
    await pass();
    times.push(performance.now() - t0);
  }
  return times;
};

export const runThroughput = async (): Promise<ThroughputRow[]> => {
  const { scenarios: count, scenarioSeed, warmupPasses, measuredPasses } = THROUGHPUT_CONFIG;
  const scenarios = fc.sample(scenarioArbitrary({ regime: 'product-event' }), { seed: scenarioSeed, numRuns: count });
  const rows: ThroughputRow[] = [];
  for (const ref of REFERENCE_HANDLERS) {
    const { deliveries, invocations } = await harnessPass(ref.handler, scenarios);
    const harness = await passes(warmupPasses, measuredPasses, () => harnessPass(ref.handler, scenarios));
    const floor = await passes(warmupPasses, measuredPasses, () => floorPass(ref.handler, invocations, ref.sleeps));
    const harnessMs = median(harness);
    const floorMs = median(floor);
    rows.push({
      id: ref.id,
      handler: ref.name,
      sequences: scenarios.length,
      deliveries,
      invocations,
      harnessPassMs: harnessMs,
      harnessPassesMs: harness,
      sequencesPerSecond: scenarios.length / (harnessMs / 1000),
      deliveriesPerSecond: deliveries / (harnessMs / 1000),
      usPerDelivery: (1000 * harnessMs) / deliveries,
      floorPassMs: floorMs,
      floorPassesMs: floor,
      floorUsPerInvocation: (1000 * floorMs) / invocations,
      overheadRatio: harnessMs / floorMs,
      floorNote: ref.sleeps
        ? 'floor: stub __forge_fetch__ + setTimeout resolving on the next microtask (it cannot sleep 2 s per call for real)'
        : 'floor: stub __forge_fetch__ only, every call answered 200 {} (the happy path)',
    });
  }
  return rows;
};
