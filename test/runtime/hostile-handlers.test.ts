import { describe, expect, it } from 'vitest';
import { driveProduct, globalsSnapshot } from './helpers.js';

const firstOutcome = async (handler: (event: any) => unknown) => (await driveProduct(handler, { maxDeliveries: 1 })).deliveries[0]!;

describe('hostile handlers', () => {
  it.each([
    ['a string', 'oops'],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
  ])('throwing %s ends as thrown with that value', async (_, value) => {
    const d = await firstOutcome(() => {
      throw value;
    });
    expect(d.outcome).toEqual({ kind: 'thrown', error: value });
  });

  it('throwing a Proxy with throwing traps is described, not crashed on', async () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
      },
    );
    const d = await firstOutcome(() => Promise.reject(hostile));
    expect(d.outcome).toEqual({ kind: 'thrown', error: '[Proxy]' });
  });

  it('returning a cyclic object succeeds with a description of the value', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const d = await firstOutcome(() => cyclic);
    expect(d.outcome.kind).toBe('success');
    expect(d.outcome.kind === 'success' && d.outcome.value).toMatch(/JSON cannot represent/);
  });

  it('returning a huge object is summarised', async () => {
    const d = await firstOutcome(() => ({ data: 'x'.repeat(200_000) }));
    expect(d.outcome.kind === 'success' && d.outcome.value).toMatch(/characters of JSON/);
  });

  it('returning a Proxy whose traps throw counts as the value, described', async () => {
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
      },
    );
    const d = await firstOutcome(() => hostile);
    expect(d.outcome).toEqual({ kind: 'success', value: '[Proxy]' });
  });

  it('a thenable whose then getter throws ends as thrown', async () => {
    const d = await firstOutcome(() =>
      Object.defineProperty({}, 'then', {
        get: () => {
          throw new Error('then trap');
        },
      }),
    );
    expect(d.outcome.kind).toBe('thrown');
  });

  it('a rejection nobody handles is recorded as an issue, not a crash', async () => {
    const before = globalsSnapshot();
    const d = await firstOutcome(async () => {
      void Promise.reject(new Error('forgotten'));
      return 'ok';
    });
    expect(d.outcome).toEqual({ kind: 'success', value: 'ok' });
    expect(d.issues).toEqual([{ kind: 'unhandled-rejection', detail: 'Error: forgotten' }]);
    expect(globalsSnapshot()).toEqual(before);
  });

  it('a rejection after the handler returned (from a timer) is recorded on that invocation', async () => {
    const d = await firstOutcome(async () => {
      setImmediate(() => void Promise.reject(new Error('later')));
      return 'ok';
    });
    expect(d.issues).toContainEqual({ kind: 'unhandled-rejection', detail: 'Error: later' });
  });

  it('a timer callback that throws ends the invocation as thrown', async () => {
    const d = await firstOutcome(
      () =>
        new Promise(() =>
          setTimeout(() => {
            throw new Error('in timer');
          }, 100),
        ),
    );
    expect(d.outcome.kind === 'thrown' && (d.outcome.error as Error).message).toBe('in timer');
    expect(d.endedAt - d.startedAt).toBe(100);
  });

  it('mutating the event is noted, and the next delivery gets a fresh copy', async () => {
    const seen: unknown[] = [];
    const trace = await driveProduct((event: { issue: { key: string }; retryContext?: unknown }) => {
      seen.push(event.issue.key);
      event.issue.key = 'CHANGED';
      return event.retryContext === undefined ? { _retry: true, retryOptions: { retryAfter: 1 } } : 'ok';
    });
    expect(seen).toEqual(['TEST-1', 'TEST-1']);
    expect(trace.deliveries[0]?.issues[0]).toMatchObject({ kind: 'event-mutated' });
  });

  it('an interval that never stops ends as a timeout, not a hang of the test', async () => {
    const started = performance.now();
    const d = await firstOutcome(() => new Promise(() => setInterval(() => undefined, 1000)));
    expect(d.outcome).toEqual({ kind: 'platform-fault', fault: 'timeout' });
    // Real time would be the 25 s timeout; the bound is far from both that and an idle machine's few ms.
    expect(performance.now() - started).toBeLessThan(12_500);
  });
});
