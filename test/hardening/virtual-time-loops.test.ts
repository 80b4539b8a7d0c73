/**
 * Hangs that are not the handler's fault: loops that never end must end at the function timeout, in
 * bounded real time, with the same result on a slow or a fast machine. Timer loops advance virtual
 * time (a delay below 1 ms is 1 ms, as in Node); loops on `setImmediate` are cut as hung; a loop on
 * microtasks alone, which nothing in the process can interrupt, ends the process with its diagnosis
 * instead of hanging it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as promisesSetTimeout } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLATFORM_RULES } from '../../models/rules.js';
import { checkRetrySemantics, type ForgeHandler } from '../../src/index.js';
import { drive } from '../../src/runner/drive.js';

const driveOnce = (handler: ForgeHandler, timeoutSeconds = 25) =>
  drive({
    handler,
    regime: 'product-event',
    rules: DEFAULT_PLATFORM_RULES,
    event: {},
    scenario: { deliveries: [], duplicate: false },
    maxDeliveries: 1,
    timeoutSeconds,
  });

interface Loop {
  readonly name: string;
  readonly handler: () => { readonly handler: ForgeHandler; readonly turns: () => number };
}

/** A handler that counts its own iterations, so that the test can show they are the same every time. */
const counting =
  (body: (tick: () => void) => Promise<never> | never): Loop['handler'] =>
  () => {
    let n = 0;
    return { handler: () => body(() => void (n += 1)), turns: () => n };
  };

const LOOPS: readonly Loop[] = [
  {
    name: 'while (true) await new Promise(r => setTimeout(r, 0))',
    handler: counting(async (tick) => {
      for (;;) {
        tick();
        await new Promise((r) => setTimeout(r, 0));
      }
    }),
  },
  {
    name: 'while (true) await setTimeout(0) of timers/promises',
    handler: counting(async (tick) => {
      for (;;) {
        tick();
        await promisesSetTimeout(0);
      }
    }),
  },
  {
    name: 'while (true) { await null; await sleep(0) }',
    handler: counting(async (tick) => {
      for (;;) {
        tick();
        await null;
        await new Promise((r) => setTimeout(r));
      }
    }),
  },
  { name: 'setInterval(fn, 0) and a promise that never settles', handler: counting((tick) => new Promise<never>(() => setInterval(tick, 0))) },
  {
    name: 'while (true) await new Promise(r => setImmediate(r))',
    handler: counting(async (tick) => {
      for (;;) {
        tick();
        await new Promise((r) => setImmediate(r));
      }
    }),
  },
];

describe('loops that never end', () => {
  for (const loop of LOOPS) {
    it(`ends ${loop.name} at the function timeout, the same way every time`, async () => {
      const runs = [];
      for (let i = 0; i < 2; i++) {
        const { handler, turns } = loop.handler();
        // A 5 s timeout keeps the suite quick; the 25 s default is shown once below.
        const d = (await driveOnce(handler, 5)).deliveries[0]!;
        runs.push({ outcome: d.outcome, virtualMs: d.endedAt - d.startedAt, issues: d.issues.map((x) => x.kind), turns: turns() });
      }
      expect(runs[0]).toMatchObject({ outcome: { kind: 'platform-fault', fault: 'timeout' }, virtualMs: 5_000 });
      expect(runs[1]).toEqual(runs[0]);
    });
  }

  it("moves virtual time on by Node's 1 ms for a 0 ms timer: 25,000 turns to the 25 s default timeout", async () => {
    const { handler, turns } = LOOPS[0]!.handler();
    const d = (await driveOnce(handler)).deliveries[0]!;
    expect([d.outcome, d.endedAt - d.startedAt, turns()]).toEqual([{ kind: 'platform-fault', fault: 'timeout' }, 25_000, 25_000]);
  });

  it('reports a timer loop in a check as bounded-invocation, and its replay fails the same way', async () => {
    const handler: ForgeHandler = async () => {
      for (;;) await new Promise((r) => setTimeout(r, 0));
    };
    // One run at a 1 s timeout: enough to fail and shrink; each extra second is a thousand more timer turns per
    // delivery. Two whole checks giving the same report byte for byte: test/full/spin-loops.test.ts.
    const options = { numRuns: 1, seed: 11, timeoutSeconds: 1, manyEvents: false };
    const result = await checkRetrySemantics(handler, options);
    expect(result.passed).toBe(false);
    const bounded = result.failures.find((f) => f.property === 'bounded-invocation');
    expect(bounded).toBeDefined();
    const replay = await checkRetrySemantics(handler, { ...options, properties: ['bounded-invocation'], ...bounded!.replay });
    expect(replay.failures.map((f) => [f.property, f.message])).toEqual([['bounded-invocation', bounded!.message]]);
  });

  it('leaves a long but finite microtask loop alone', async () => {
    const d = (
      await driveOnce(async () => {
        for (let i = 0; i < 200_000; i++) await null;
        return 'done';
      })
    ).deliveries[0]!;
    expect(d.outcome).toEqual({ kind: 'success', value: 'done' });
  });

  // The await-null loop, the same guard reached through promise jobs, runs in test/full/spin-loops.test.ts:
  // each case spawns a process that loads the harness from source (3 s of npm test's two minutes).
  for (const loop of ['next-tick'] as const) {
    it(`ends the process with a diagnosis for a ${loop} loop, instead of hanging it`, () => {
      const script = fileURLToPath(new URL('./fixtures/spin-forever.ts', import.meta.url));
      const child = spawnSync(process.execPath, ['--import', 'tsx', script, loop], { encoding: 'utf8' });
      expect(child.status).toBe(1);
      expect(child.stdout).not.toContain('the check returned');
      expect(child.stderr).toContain(
        'forge-retry-harness: the handler in delivery 1 started 5,000,000 promise and microtask jobs without ever yielding to the event loop',
      );
    });
  }
});
