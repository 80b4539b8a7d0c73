/**
 * Cold starts (issue 10 item 10): with the handler's module, every run starts on a fresh instance and a
 * redelivery may come to another; with only the function, the check says it could not simulate them.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { checkRetrySemantics, HarnessUsageError } from '../../src/index.js';
import { COLD_STARTS_NOT_SIMULATED } from '../../src/runner/results.js';
import * as claim from '../handlers/platform/cold-starts/kvs-claim.js';
import * as lazy from '../handlers/platform/cold-starts/lazy-import.js';
import * as timer from '../handlers/platform/cold-starts/module-timer.js';
import * as set from '../handlers/platform/cold-starts/set-dedup.js';
import * as warmUp from '../handlers/platform/cold-starts/warm-up-flag.js';

const fileOf = (name: string): URL => new URL(`../handlers/platform/cold-starts/${name}`, import.meta.url);

describe('cold starts', () => {
  it('cannot be simulated from the function alone: the Set dedup passes, with a note that is not a verdict', async () => {
    const buggy = await checkRetrySemantics(set.handler, { trigger: 'product-event', seed: 1, properties: ['no-duplicate-effects'] });
    expect({ passed: buggy.passed, notes: buggy.notes }).toEqual({ passed: true, notes: [COLD_STARTS_NOT_SIMULATED] });
    const correct = await checkRetrySemantics(claim.handler, { trigger: 'product-event', seed: 1 });
    expect({ verdict: correct.verdict, notes: correct.notes }).toEqual({ verdict: 'passed', notes: [COLD_STARTS_NOT_SIMULATED] });
    const withModule = await checkRetrySemantics(claim.handler, { ...claim.options, seed: 1, numRuns: 20 });
    expect(withModule.notes).toEqual([]);
  });

  it('reports the duplicate that reached a fresh instance, with the cold start on the timeline and a replay that names the module', async () => {
    const result = await checkRetrySemantics(set.handler, { ...set.options, seed: 3 });
    expect(result.failures.map((f) => f.property)).toEqual(['no-duplicate-effects']);
    const [failure] = result.failures;
    expect(failure?.report).toMatch(/> delivery 2 +t=0s +duplicate delivery \(cold start: a fresh module instance, module variables empty\)/);
    expect(failure?.report).toContain('module: { file: "test/handlers/platform/cold-starts/set-dedup.ts", export: "handler" }');
    expect(failure?.trace.deliveries.map((d) => d.instance)).toEqual(['cold', 'cold']);
    const replayed = await checkRetrySemantics(set.handler, { ...set.options, seed: 3, path: failure!.replay.path });
    expect(replayed.failures.map((f) => f.report)).toEqual([failure?.report]);
    // The same schedule with its duplicate on the warm instance finds the id in the Set: no finding.
    expect(failure?.replay.path).toBe('xdc');
    expect((await checkRetrySemantics(set.handler, { ...set.options, seed: 3, path: 'xd' })).passed).toBe(true);
    await expect(checkRetrySemantics(set.handler, { trigger: 'product-event', seed: 3, path: 'xdc' })).rejects.toThrow(
      /fresh module instances, and the check has only the function/,
    );
  });

  it('starts every run afresh: a module-level warm-up flag no longer makes later runs skip their set-up', async () => {
    const counting = () => {
      const seen = { count: 0 };
      const upstream = (req: { readonly method: string; readonly path: string }) => {
        if (req.method === 'GET' && req.path === '/rest/api/3/myself') seen.count += 1;
        return undefined;
      };
      return { seen, upstream };
    };
    const shared = counting();
    const one = await checkRetrySemantics(warmUp.handler, { seed: 5, numRuns: 20, upstream: shared.upstream });
    // One instance for the whole check: the set-up happens in the first run only (again on its redeliveries
    // when the set-up request itself failed), and the 19 runs after it skip it.
    expect(one.runs).toBe(20);
    expect(shared.seen.count).toBeGreaterThanOrEqual(1);
    expect(shared.seen.count).toBeLessThanOrEqual(5);
    const fresh = counting();
    const each = await checkRetrySemantics(warmUp.handler, { seed: 5, numRuns: 20, upstream: fresh.upstream, module: { file: fileOf('warm-up-flag.ts') } });
    expect(each.runs).toBe(20);
    expect(fresh.seen.count).toBeGreaterThanOrEqual(20);
  });

  it('gives a lazily imported module and real gzip work the same verdict on every repetition of one seed', async () => {
    const options = { seed: 11, numRuns: 30, module: { file: fileOf('lazy-import.ts') } } as const;
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await checkRetrySemantics(lazy.handler, options));
    expect(results.map((r) => r.verdict)).toEqual(['passed', 'passed', 'passed']);
    expect(new Set(results.map((r) => JSON.stringify(r.statistics))).size).toBe(1);
  });

  it('keeps a fresh instance’s module-level interval on the virtual clock: not the handler’s leftover, and no real timer left behind', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    const result = await checkRetrySemantics(timer.handler, { seed: 2, numRuns: 30, module: { file: fileOf('module-timer.ts') } });
    expect(result.verdict).toBe('passed');
    expect(timeouts()).toBeLessThanOrEqual(before);
  });

  it('takes a loader of its own: under Vitest, vi.resetModules() before the import gives a fresh instance', async () => {
    const load = async () => {
      vi.resetModules();
      return import('../handlers/platform/cold-starts/set-dedup.js');
    };
    const result = await checkRetrySemantics(set.handler, { trigger: 'product-event', seed: 1, module: { load, export: 'handler' } });
    expect(result.failures.map((f) => f.property)).toEqual(['no-duplicate-effects']);
  });

  it('refuses a loader that returns one cached instance, a missing file and a missing export', async () => {
    const cached = await import('../handlers/platform/cold-starts/set-dedup.js');
    await expect(checkRetrySemantics(set.handler, { trigger: 'product-event', seed: 1, module: { load: async () => cached } })).rejects.toThrow(
      /returned the same module instance twice/,
    );
    await expect(checkRetrySemantics(set.handler, { module: { file: fileOf('no-such-file.ts') } })).rejects.toThrow(HarnessUsageError);
    await expect(checkRetrySemantics(set.handler, { seed: 1, module: { file: fileOf('set-dedup.ts'), export: 'run' } })).rejects.toThrow(
      /has no export "run"; its exports: handler, options/,
    );
  });
});

describe('a fresh instance’s top-level code', () => {
  it('runs under the seal and the seeded randomness: its request reaches the simulation, its random id repeats with the scenario', async () => {
    const { drive } = await import('../../src/runner/drive.js');
    const { fileModule } = await import('../../src/runtime/handler-module.js');
    const { DEFAULT_PLATFORM_RULES } = await import('../../models/rules.js');
    const { CALM_SCENARIO } = await import('../../src/scenario/types.js');
    const topLevel = await import('../handlers/platform/cold-starts/top-level-io.js');
    const path = fileURLToPath(fileOf('top-level-io.ts'));
    const play = () =>
      drive({
        handler: topLevel.handler,
        module: fileModule(path, 'handler', 'top-level-io.ts'),
        regime: 'product-event',
        rules: DEFAULT_PLATFORM_RULES,
        event: { issue: { key: 'SUP-1' } },
        scenario: CALM_SCENARIO,
      });
    const [first, second] = [await play(), await play()];
    const [delivery] = first.deliveries;
    expect(delivery?.instance).toBe('cold');
    expect(delivery?.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET https://config.example.com/boot']);
    expect(delivery?.outcome).toMatchObject({ kind: 'success', value: { boot: 200 } });
    expect(second.deliveries[0]?.outcome).toEqual(delivery?.outcome);
  });
});
