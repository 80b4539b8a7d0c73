/**
 * 2c. What one call costs inside drive(): calm one-delivery runs of handlers that make exactly one
 * call each, against a handler that makes none. The difference is the price of that SDK surface
 * under the simulation (requestJira and kvs go through `__forge_fetch__`; api.fetch through Node's
 * fetch and the simulated undici dispatcher).
 */
import api, { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { DEFAULT_PLATFORM_RULES } from '../models/rules.js';
import { drive } from '../src/runner/drive.js';
import type { ForgeHandler } from '../src/index.js';
import { withHarnessLock } from '../src/runtime/lock.js';
import { CALM_SCENARIO } from '../src/scenario/types.js';

export const CALL_COST_CONFIG = { warmupRuns: 500, measuredRuns: 3000 } as const;

const HANDLERS: readonly { readonly call: string; readonly handler: ForgeHandler }[] = [
  { call: 'none', handler: async () => undefined },
  { call: 'requestJira GET + json()', handler: async () => (await asApp().requestJira(route`/rest/api/3/issue/BENCH-1`)).json() },
  { call: 'api.fetch POST + json()', handler: async () => (await api.fetch('https://crm.example.com/api/v2/tickets', { method: 'POST', body: '{}' })).json() },
  { call: 'kvs.set', handler: async () => kvs.set('bench-key', 'value') },
  { call: 'setTimeout 2 s', handler: async () => new Promise((resolve) => setTimeout(resolve, 2000)) },
];

export interface CallCostRow {
  readonly call: string;
  readonly usPerRun: number;
  /** usPerRun minus that of the handler that makes no call. */
  readonly usOverNone: number;
}

const runs = (handler: ForgeHandler, n: number) =>
  withHarnessLock(async () => {
    for (let i = 0; i < n; i++) {
      await drive({ handler, regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, event: { issue: { key: 'BENCH-1' } }, scenario: CALM_SCENARIO });
    }
  });

export const runCallCosts = async (): Promise<CallCostRow[]> => {
  const measured: { call: string; usPerRun: number }[] = [];
  for (const { call, handler } of HANDLERS) {
    await runs(handler, CALL_COST_CONFIG.warmupRuns);
    const t0 = performance.now();
    await runs(handler, CALL_COST_CONFIG.measuredRuns);
    measured.push({ call, usPerRun: ((performance.now() - t0) * 1000) / CALL_COST_CONFIG.measuredRuns });
  }
  const none = measured[0]!.usPerRun;
  return measured.map((m) => ({ ...m, usOverNone: m.usPerRun - none }));
};
