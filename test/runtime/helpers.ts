/** Shared builders for the runtime tests. */
import { DEFAULT_PLATFORM_RULES } from '../../models/rules.js';
import { drive, type DriveOptions } from '../../src/runner/drive.js';
import type { DeliveryPlan, Scenario } from '../../src/scenario/types.js';

/** A scenario from per-delivery plans (missing lists are empty). */
export const scenario = (plans: Partial<DeliveryPlan>[], duplicate = false): Scenario => ({
  deliveries: plans.map((p) => ({ responses: p.responses ?? [], storage: p.storage ?? [], ...(p.fault !== undefined ? { fault: p.fault } : {}) })),
  duplicate,
});

/** Drives a product-event handler with defaults for everything not given. */
export const driveProduct = (handler: DriveOptions['handler'], extra: Partial<DriveOptions> = {}) =>
  drive({ handler, regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, event: { issue: { key: 'TEST-1' } }, scenario: scenario([]), ...extra });

/** The state of the globals the harness touches, for exact-restore assertions. */
export const globalsSnapshot = () => ({
  fetchDescriptor: Object.getOwnPropertyDescriptor(globalThis, '__forge_fetch__'),
  runtimeDescriptor: Object.getOwnPropertyDescriptor(globalThis, '__forge_runtime__'),
  dispatcher: (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')],
  Date: globalThis.Date,
  setTimeout: globalThis.setTimeout,
  setInterval: globalThis.setInterval,
  clearTimeout: globalThis.clearTimeout,
  rejectionListeners: process.listeners('unhandledRejection'),
  exceptionListeners: process.listeners('uncaughtException'),
  randomUUID: globalThis.crypto.randomUUID,
  getRandomValues: globalThis.crypto.getRandomValues,
  mathRandom: Math.random,
  performanceNow: globalThis.performance.now,
  hrtime: process.hrtime,
});
