/**
 * Driver throughput: full delivery sequences per second for a handler making three upstream calls
 * (requestJira GET, requestJira POST, kvs.set) over a fixed set of scenarios (calm, rate-limited,
 * 5xx, network error, crash, duplicate). Run with `npx tsx bench/driver.ts`.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { kvs } from '@forge/kvs';
import { DEFAULT_PLATFORM_RULES } from '../models/rules.js';
import { drive } from '../src/runner/drive.js';
import { withHarnessLock } from '../src/runtime/lock.js';
import type { DeliveryPlan, Scenario } from '../src/scenario/types.js';

const handler = async (event: { issue: { key: string } }) => {
  const issue = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}`);
  if (issue.status === 429 || issue.status >= 500) {
    return new InvocationError({ retryAfter: Number(issue.headers.get('Retry-After') ?? 5), retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED });
  }
  const created = await asApp().requestJira(route`/rest/api/3/issue`, { method: 'POST', body: JSON.stringify({ fields: { summary: 'follow-up' } }) });
  if (!created.ok) return new InvocationError({ retryAfter: 10, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  await kvs.set(`done:${event.issue.key}`, ((await created.json()) as { key: string }).key);
  return true;
};

const plan = (p: Partial<DeliveryPlan>): DeliveryPlan => ({ responses: p.responses ?? [], storage: p.storage ?? [], ...(p.fault ? { fault: p.fault } : {}) });
const scenarios: Scenario[] = [
  { deliveries: [], duplicate: false },
  { deliveries: [plan({ responses: [{ kind: 'status', status: 429, headers: { 'Retry-After': '30' } }] })], duplicate: false },
  { deliveries: [plan({ responses: [{ kind: 'ok' }, { kind: 'status', status: 503, headers: {} }] })], duplicate: true },
  { deliveries: [plan({ responses: [{ kind: 'network-error' }] })], duplicate: false },
  { deliveries: [plan({ fault: { kind: 'crash-at-request', fault: 'timeout', request: 2, effect: 'applied' } })], duplicate: false },
  { deliveries: [plan({ storage: [{ kind: 'status', status: 500, headers: {} }] })], duplicate: true },
  { deliveries: [], duplicate: true },
  {
    deliveries: [
      plan({ responses: [{ kind: 'status', status: 429, headers: { 'Retry-After': '2' } }] }),
      plan({ responses: [{ kind: 'status', status: 502, headers: {} }] }),
    ],
    duplicate: false,
  },
];

const runs = Number(process.argv[2] ?? 2000);
const event = { issue: { key: 'BENCH-1' } };
const once = (i: number) => drive({ handler, regime: 'product-event', rules: DEFAULT_PLATFORM_RULES, event, scenario: scenarios[i % scenarios.length]! });

const measure = async (label: string, body: () => Promise<{ runs: number; deliveries: number }>) => {
  const t0 = performance.now();
  const { runs: n, deliveries } = await body();
  const ms = performance.now() - t0;
  console.log(
    `${label}: ${n} runs (${deliveries} deliveries) in ${ms.toFixed(0)} ms = ${(n / (ms / 1000)).toFixed(0)} runs/s, ${(ms / n).toFixed(3)} ms/run, ${(ms / deliveries).toFixed(3)} ms/delivery`,
  );
};

// Warm up the JIT and module caches.
await withHarnessLock(async () => {
  for (let i = 0; i < 200; i++) await once(i);
});
await measure('one check (shared session)', () =>
  withHarnessLock(async () => {
    let deliveries = 0;
    for (let i = 0; i < runs; i++) deliveries += (await once(i)).deliveries.length;
    return { runs, deliveries };
  }),
);
await measure('100 runs in one check', () =>
  withHarnessLock(async () => {
    let deliveries = 0;
    for (let i = 0; i < 100; i++) deliveries += (await once(i)).deliveries.length;
    return { runs: 100, deliveries };
  }),
);
await measure('separate checks (session per run)', async () => {
  let deliveries = 0;
  const n = Math.min(runs, 500);
  for (let i = 0; i < n; i++) deliveries += (await once(i)).deliveries.length;
  return { runs: n, deliveries };
});
