/**
 * Issue 11's first-request measurement: the default check (every property, numRuns 100) over seeds
 * 1..20 of a handler whose only bug is on its first request (the storage corpus's getSecret read as
 * "no key yet"), and the cost of the default check on correct handlers (runs and wall time, seeds 1..5).
 * `npx tsx bench/first-request.ts`; prints JSON lines.
 */
import { checkRetrySemantics } from '../src/index.js';
import { CORRECT_CASES } from './cases.js';
import * as secretBuggy from '../test/handlers/storage/buggy/kvs-secret.js';

const seeds = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
let found = 0;
const runsToFind: number[] = [];
const t0 = performance.now();
for (const seed of seeds(20)) {
  const r = await checkRetrySemantics(secretBuggy.handler, { ...secretBuggy.options, seed, numRuns: 100 });
  const f = r.failures.find((x) => x.property === 'no-swallowed-failures');
  if (f !== undefined) {
    found++;
    runsToFind.push(f.runs);
  }
}
console.log(JSON.stringify({ case: 'kvs secret buggy, default check', found, of: 20, runsToFind, ms: Math.round(performance.now() - t0) }));
for (const c of CORRECT_CASES) {
  const t = performance.now();
  let runs = 0;
  let failed = 0;
  for (const seed of seeds(5)) {
    const r = await checkRetrySemantics(c.handler, { ...c.options, seed });
    runs += r.runs;
    if (!r.passed) failed++;
  }
  console.log(JSON.stringify({ case: c.name, seeds: 5, runs, failed, ms: Math.round(performance.now() - t) }));
}
