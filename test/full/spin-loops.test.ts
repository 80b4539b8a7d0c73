/**
 * The microtask-loop guard through promise jobs (`for (;;) await null`), in its own process: the
 * process.nextTick form of the same guard runs in npm test (test/hardening/virtual-time-loops.test.ts).
 * And a timer loop's whole check, twice: the same report byte for byte (npm test checks one and its replay).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics, type ForgeHandler } from '../../src/index.js';

describe('a loop on promise jobs alone', () => {
  it('ends the process with a diagnosis for an await-null loop, instead of hanging it', () => {
    const script = fileURLToPath(new URL('../hardening/fixtures/spin-forever.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, 'await-null'], { encoding: 'utf8' });
    expect(child.status).toBe(1);
    expect(child.stdout).not.toContain('the check returned');
    expect(child.stderr).toContain(
      'forge-retry-harness: the handler in delivery 1 started 5,000,000 promise and microtask jobs without ever yielding to the event loop',
    );
  });
});

describe('a timer loop in a check', () => {
  it('gives the same report for the same seed', async () => {
    const handler: ForgeHandler = async () => {
      for (;;) await new Promise((r) => setTimeout(r, 0));
    };
    const options = { numRuns: 1, seed: 11, timeoutSeconds: 1, manyEvents: false };
    const first = await checkRetrySemantics(handler, options);
    const second = await checkRetrySemantics(handler, options);
    expect(first.failures.map((f) => f.property)).toContain('bounded-invocation');
    expect(second.report).toBe(first.report);
  });
});
