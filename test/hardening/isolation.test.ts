/**
 * Isolation from the test runner and from other code: code outside the check keeps real time, a
 * handler cannot end the test process or leave `process.exitCode` or `globalThis.fetch` changed, fake
 * timers of the test are refused before the run, and two copies of the package in one process (its
 * ESM and CJS builds) share one lock.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { asApp, route } from '@forge/api';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as promisesSetTimeout } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PLATFORM_RULES } from '../../models/rules.js';
import { VIRTUAL_EPOCH } from '../../models/time.js';
import { HarnessUsageError, checkRetrySemantics, type ForgeHandler } from '../../src/index.js';
import { main } from '../../src/cli/run.js';
import { drive } from '../../src/runner/drive.js';

const REAL_START = performance.timeOrigin;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const retry = { _retry: true, retryOptions: { retryAfter: 30, retryReason: 'FUNCTION_RETRY_REQUEST' } } as const;

const driveOnce = (handler: ForgeHandler, maxDeliveries = 1) =>
  drive({
    handler,
    regime: 'product-event',
    rules: DEFAULT_PLATFORM_RULES,
    event: { issue: { key: 'A-1' } },
    scenario: { deliveries: [], duplicate: false },
    maxDeliveries,
  });

describe('code outside the check', () => {
  it('keeps real time while a check runs: its timers fire and its Date is the real one', async () => {
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const check = checkRetrySemantics(
      async () => {
        started();
        await sleep(10_000);
        return Date.now();
      },
      { numRuns: 20 },
    );
    // A neighbour (another test.concurrent, the runner) that waits on real timers while the handler runs.
    const neighbour = (async () => {
      await handlerStarted;
      const seen = Date.now();
      await sleep(5);
      await promisesSetTimeout(5);
      await new Promise((resolve) => setInterval(resolve, 5));
      return seen;
    })();
    const [result, seen] = await Promise.all([check, neighbour]);
    expect(result.passed).toBe(true);
    expect(seen).toBeGreaterThanOrEqual(REAL_START);
  });

  it('gives the handler virtual Date and timers meanwhile, timers/promises included', async () => {
    const trace = await driveOnce(async () => {
      const t0 = Date.now();
      await promisesSetTimeout(4_000);
      await sleep(1_000);
      return [t0 - VIRTUAL_EPOCH, Date.now() - t0, new Date().getTime() - t0];
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: [0, 5_000, 5_000] });
  });
});

describe.concurrent('a test.concurrent neighbour', () => {
  let checkRunning!: () => void;
  const running = new Promise<void>((resolve) => {
    checkRunning = resolve;
  });
  it('runs a check that sleeps in virtual time', async () => {
    const result = await checkRetrySemantics(
      async () => {
        checkRunning();
        await sleep(20_000);
        return 'done';
      },
      { numRuns: 30 },
    );
    expect(result.passed).toBe(true);
  });
  it('awaits a real timer meanwhile and it fires', async () => {
    await running;
    await sleep(10);
    expect(Date.now()).toBeGreaterThanOrEqual(REAL_START);
  });
});

describe('what a handler leaves running', () => {
  const realTurns = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('stops a setImmediate loop when the check ends, so it cannot keep the runner alive', async () => {
    let spins = 0;
    await checkRetrySemantics(
      () => {
        const again = (): void => {
          spins += 1;
          setImmediate(again);
        };
        again();
        return 'done';
      },
      { numRuns: 3 },
    );
    const atEnd = spins;
    await realTurns(20);
    expect(spins).toBe(atEnd);
  });

  it('keeps a late rejection of a setImmediate chain inside the check', async () => {
    const escaped: unknown[] = [];
    const onRejection = (reason: unknown): void => void escaped.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      await checkRetrySemantics(
        () => {
          let turns = 0;
          const step = (): void => {
            turns += 1;
            if (turns === 50) void Promise.reject(new Error('late rejection'));
            else setImmediate(step);
          };
          step();
          return 'done';
        },
        { numRuns: 1, properties: ['bounded-invocation'] },
      );
      await realTurns(100);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    expect(escaped).toEqual([]);
  });
});

describe('process.exit in a handler', () => {
  it('ends the invocation as a crash, not the test process, and survives-every-delivery reports it', async () => {
    // Whether Forge retries a crashed product-event invocation is undocumented (productThrownError): a
    // warning by default, a failure under strictAssumptions.
    const result = await checkRetrySemantics(() => process.exit(0), { numRuns: 5 });
    expect(result.verdict).toBe('warned');
    expect(result.warnings.find((f) => f.property === 'survives-every-delivery')?.received).toContain('process.exit(0)');
    const strict = await checkRetrySemantics(() => process.exit(0), { numRuns: 5, strictAssumptions: true });
    expect(strict.passed).toBe(false);
    expect(strict.failures.find((f) => f.property === 'survives-every-delivery')?.received).toContain('process.exit(0)');
  });

  it('makes the CLI fail the handler instead of exiting 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frh-exit-'));
    try {
      writeFileSync(
        join(dir, 'manifest.yml'),
        'modules:\n  trigger:\n    - key: t\n      function: main\n      events:\n        - avi:jira:created:issue\n  function:\n    - key: main\n      handler: index.run\n',
      );
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src', 'index.ts'), 'export const run = () => { process.exit(0); };\n');
      let stdout = '';
      const code = await main(['--cwd', dir, '--num-runs', '3', '--strict-assumptions'], {
        stdout: { write: (t: string) => (stdout += t), isTTY: false },
        stderr: { write: (t: string) => (stdout += t) },
        cwd: dir,
        env: {},
      });
      expect(code).toBe(1);
      expect(stdout).toMatch(/^✗ run .*survives-every-delivery/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is a crash wherever it is called: after an await, from a timer, inside a try', async () => {
    const handlers: ForgeHandler[] = [
      async () => {
        await sleep(100);
        process.exit(3);
      },
      () => new Promise(() => setTimeout(() => process.exit(1), 50)),
      async () => {
        try {
          process.exit();
        } catch {
          return 'swallowed';
        }
      },
      () => process.abort(),
    ];
    for (const handler of handlers) {
      const d = (await driveOnce(handler)).deliveries[0]!;
      expect(d.outcome).toMatchObject({ kind: 'thrown', error: { name: 'ProcessExitError' } });
    }
  });

  it('restores process.exitCode after every invocation', async () => {
    const before = process.exitCode;
    const seen: unknown[] = [];
    await driveOnce((event: { retryContext?: unknown }) => {
      seen.push(process.exitCode);
      process.exitCode = 7;
      return event.retryContext === undefined ? retry : 'done';
    }, 2);
    expect(seen).toEqual([before, before]);
    expect(process.exitCode).toBe(before);
  });
});

describe('a handler that replaces globalThis.fetch', () => {
  it('finds the real one again on the next delivery, and leaves it in place after the check', async () => {
    const real = globalThis.fetch;
    const seen: boolean[] = [];
    await driveOnce((event: { retryContext?: unknown }) => {
      seen.push(globalThis.fetch === real);
      globalThis.fetch = (() => Promise.reject(new Error('replaced'))) as typeof fetch;
      return event.retryContext === undefined ? retry : 'done';
    }, 2);
    expect(seen).toEqual([true, true]);
    expect(globalThis.fetch).toBe(real);
  });

  it('still reaches the simulation through @forge/api when it deleted fetch', async () => {
    const real = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
    const result = await checkRetrySemantics(
      async () => {
        Reflect.deleteProperty(globalThis, 'fetch');
        const res = await asApp().requestJira(route`/rest/api/3/myself`);
        return res.ok ? 'done' : retry;
      },
      { numRuns: 5 },
    );
    expect(result.runs).toBeGreaterThan(0);
    expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(real);
  });
});

describe('fake timers of the test', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses vi.useFakeTimers() before the run, saying to call vi.useRealTimers()', async () => {
    vi.useFakeTimers();
    const error = await checkRetrySemantics(async () => 'done', { numRuns: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessUsageError);
    expect((error as HarnessUsageError).what).toContain('fake timers are on');
    expect((error as HarnessUsageError).fix).toContain('vi.useRealTimers()');
    vi.useRealTimers();
    expect((await checkRetrySemantics(async () => 'done', { numRuns: 1 })).passed).toBe(true);
  });

  it('refuses fake timers that fake only setTimeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await expect(checkRetrySemantics(async () => 'done', { numRuns: 1 })).rejects.toThrow('setTimeout is faked');
  });

  it('refuses a sinon clock (what jest.useFakeTimers() installs) instead of failing with "Can\'t install fake timers twice"', async () => {
    const clock = FakeTimers.install();
    try {
      await expect(checkRetrySemantics(async () => 'done', { numRuns: 1 })).rejects.toThrow(/fake timers are on \(Date is faked/);
    } finally {
      clock.uninstall();
    }
  });
});

describe('two copies of the package in one process (ESM and CJS builds)', () => {
  it('share one lock: their checks run one after the other and see only their own globals', async () => {
    vi.resetModules();
    const a = await import('../../src/index.js');
    vi.resetModules();
    const b = await import('../../src/index.js');
    expect(a.checkRetrySemantics).not.toBe(b.checkRetrySemantics);
    const handler = async (): Promise<unknown> => {
      const res = await asApp().requestJira(route`/rest/api/3/myself`);
      await sleep(1_000);
      return res.ok ? 'done' : retry;
    };
    const options = { numRuns: 10, seed: 7 };
    const serial = await a.checkRetrySemantics(handler, options);
    const [ra, rb] = await Promise.all([a.checkRetrySemantics(handler, options), b.checkRetrySemantics(handler, options)]);
    expect(ra.report).toBe(serial.report);
    expect(rb.report).toBe(serial.report);
    expect([ra.passed, rb.passed]).toEqual([serial.passed, serial.passed]);
    expect(Object.getOwnPropertySymbols(globalThis).map(String)).toContain('Symbol(forge-retry-harness.lock.v1)');
  });
});
