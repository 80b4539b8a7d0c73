/**
 * The microtask-loop guard through promise jobs (`for (;;) await null`), in its own process: the
 * process.nextTick form of the same guard runs in npm test (test/hardening/virtual-time-loops.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
