/**
 * `--workers N` runs the checks in tinypool child processes (from the sources: src/cli/cli-worker.ts
 * under tsx's loader). Its output must be the output of `--workers 1`, byte for byte, on every path.
 * Slow (each worker compiles the harness), hence test/full/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workerMode } from '../../src/cli/workers.js';
import { cli, folder, removeFolders } from '../cli/helpers.js';

afterAll(removeFolders);

const APP = ['--cwd', 'examples/forge-app', '--no-fail'];

describe('--workers on the example app', () => {
  it('uses a pool of at most one worker per handler, and this process for one', () => {
    expect(workerMode(2, 6)).toMatchObject({ kind: 'pool', size: 2 });
    expect(workerMode(8, 3)).toMatchObject({ kind: 'pool', size: 3 });
    expect(workerMode(4, 1)).toEqual({ kind: 'in-process' });
    expect(workerMode(1, 6)).toEqual({ kind: 'in-process' });
    // From the sources the default is this process; installed (dist/) it is one worker per CPU.
    expect(workerMode(undefined, 6, 4)).toEqual({ kind: 'in-process' });
  });

  it('prints the same text, JSON, SARIF and Markdown with --workers 2 as with --workers 1', async () => {
    const dir = folder();
    const outputs = async (workers: string) => {
      const files = { sarif: join(dir, `${workers}.sarif`), markdown: join(dir, `${workers}.md`) };
      const text = await cli([...APP, '--workers', workers, '--sarif', files.sarif, '--markdown', files.markdown]);
      const json = await cli([...APP, '--workers', workers, '--json', '--seed', '11']);
      return { text, json, sarif: readFileSync(files.sarif, 'utf8'), markdown: readFileSync(files.markdown, 'utf8') };
    };
    const one = await outputs('1');
    const two = await outputs('2');
    expect(one.text.stdout).toContain('6 handlers checked: 2 passed, 4 failed');
    expect(two.text).toEqual(one.text);
    expect(two.json).toEqual(one.json);
    expect(two.sarif).toBe(one.sarif);
    expect(two.markdown).toBe(one.markdown);
  });

  it('reports the same load problem, as an error row of its own, as in this process', async () => {
    const dir = folder({
      'manifest.yml':
        'modules:\n  trigger:\n    - key: a\n      function: a\n      events: [avi:jira:created:issue]\n    - key: b\n      function: b\n      events: [avi:jira:created:issue]\n  function:\n    - key: a\n      handler: index.run\n    - key: b\n      handler: index.missing\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n',
      'src/index.ts': 'export const run = async () => {};\n',
    });
    const one = await cli(['--cwd', dir, '--workers', '1', '--num-runs', '5']);
    const two = await cli(['--cwd', dir, '--workers', '2', '--num-runs', '5']);
    expect(one.code).toBe(2);
    expect(one.stdout).toContain('has no export "missing"');
    expect(two).toEqual(one);
  });

  it('reports a handler whose worker dies as not checked, and checks the others', async () => {
    // This process takes the first task (ok), the worker the second (exits): process.exit would be contained as a crash of one invocation, a SIGKILL is not.
    const dir = folder({
      'handlers.mjs': 'export const ok = async () => {};\nexport const exits = async () => { process.kill(process.pid, "SIGKILL"); };\n',
    });
    const { code, stdout } = await cli(['--cwd', dir, '--workers', '2', '--num-runs', '5', 'handlers.mjs#ok', 'handlers.mjs#exits']);
    expect(code).toBe(2);
    expect(stdout).toContain('? ok (handlers.mjs#ok, product-event) inconclusive: the handler made no upstream request in any run (5 runs');
    expect(stdout).toMatch(/! exits \(handlers\.mjs#exits, product-event\) could not be checked\n {4}the worker process checking it failed/);
  });
});

describe('--workers on exhaustive walks', () => {
  // Depth 3 keeps the walks to a few hundred schedules, so that their larger levels are cut into chunks
  // and the test stays quick; the example app has correct handlers (walked to the end) and buggy ones
  // (the walk stops at the first failing schedule).
  const depth3 = (): string =>
    join(
      folder({
        'depth3.json': JSON.stringify({
          defaults: { exhaustive: { depth: 3 } },
          modules: { 'crm-sync-consumer': { event: { issueKey: 'SUP-42', action: 'sync-to-crm', requestedBy: '5b10ac8d82e05b22cc7d4ef5' } } },
        }),
      }),
      'depth3.json',
    );

  it('prints the same walk, first failing schedule and report with --workers 2 as with --workers 1, and shards merge to it', async () => {
    const config = depth3();
    const run = (...extra: string[]) => cli([...APP, '--config', config, '--json', ...extra]);
    const one = await run('--workers', '1');
    const two = await run('--workers', '2');
    expect(one.stdout).toContain('"runs": 746');
    expect(one.stdout).toContain('"status": "failed"');
    expect((JSON.parse(one.stdout) as { handlers: unknown[] }).handlers).toHaveLength(6);
    expect(two).toEqual(one);
    // Each shard walks its handlers with the pool; merged, they are the unsharded run.
    const dir = folder();
    const files: string[] = [];
    for (const i of [1, 2]) {
      const shard = await run('--workers', '2', '--shard', `${i}/2`);
      files.push(join(dir, `shard-${i}.json`));
      writeFileSync(files.at(-1)!, shard.stdout);
    }
    expect((await cli(['merge', '--no-fail', ...files])).stdout).toBe(one.stdout);
  });

  it('gives one handler’s walk a pool of its own with --exhaustive', () => {
    expect(workerMode(2, Number.POSITIVE_INFINITY)).toMatchObject({ kind: 'pool', size: 2 });
  });
});
