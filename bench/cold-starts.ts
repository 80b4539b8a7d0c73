/**
 * What cold starts cost (issue 10 item 10): `npx tsx bench/cold-starts.ts`. Prints the time of one fresh
 * module instance (after the first, which compiles the files) and a default check (100 runs) of passing
 * handlers with `module` (fresh instances per run, cold redeliveries) and without (one instance), median
 * of five checks each.
 */
import { fileURLToPath } from 'node:url';
import { checkRetrySemantics, type CheckOptions, type ForgeHandler } from '../src/index.js';
import { fileModule } from '../src/runtime/handler-module.js';
import * as app from '../examples/forge-app/src/index.js';
import * as claim from '../test/handlers/platform/cold-starts/kvs-claim.js';

const file = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const perLoad = async (path: string, exportName: string): Promise<number> => {
  const module = fileModule(path, exportName, path);
  await module.loadFresh();
  const n = 200;
  const started = performance.now();
  for (let i = 0; i < n; i++) await module.loadFresh();
  return (performance.now() - started) / n;
};

const checkMs = async (handler: ForgeHandler, options: CheckOptions): Promise<number> => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const result = await checkRetrySemantics(handler, { ...options, seed: 20250101 + i });
    times.push(performance.now() - started);
    if (!result.passed) throw new Error(`expected a pass: ${result.report.split('\n')[0]}`);
  }
  return median(times);
};

const cases = [
  {
    name: 'example app onIssueCreated (7 files)',
    handler: app.onIssueCreated,
    path: file('../examples/forge-app/src/index.ts'),
    exportName: 'onIssueCreated',
    options: {},
  },
  {
    name: 'example app crmSync consumer',
    handler: app.crmSync,
    path: file('../examples/forge-app/src/index.ts'),
    exportName: 'crmSync',
    options: { trigger: 'async-event', event: { issueKey: 'SUP-42', action: 'sync-to-crm' } } as CheckOptions,
  },
  {
    name: 'KVS-claim producer (4 files)',
    handler: claim.handler,
    path: file('../test/handlers/platform/cold-starts/kvs-claim.ts'),
    exportName: 'handler',
    options: {},
  },
];

for (const c of cases) {
  const load = await perLoad(c.path, c.exportName);
  const warm = await checkMs(c.handler, c.options);
  const cold = await checkMs(c.handler, { ...c.options, module: { file: c.path, export: c.exportName } });
  console.log(`${c.name}: fresh instance ${load.toFixed(2)} ms; default check ${warm.toFixed(0)} ms with one instance, ${cold.toFixed(0)} ms with cold starts`);
}
