import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shardPositions } from '../../src/cli/shard.js';
import { cli, folder, removeFolders } from './helpers.js';

afterAll(removeFolders);

describe('--workers and --shard values', () => {
  it.each(['0', '-1', 'two', '1.5', ''])('rejects --workers %j as a usage error that names the flag', async (value) => {
    const { code, stdout, stderr } = await cli(['--cwd', 'examples/forge-app', `--workers=${value}`]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`--workers is ${JSON.stringify(value)}`);
    expect(stderr).toContain('--workers 2');
  });

  it.each(['3/2', '0/2', '1/0', '1', '1/2/3', 'a/b', '-1/2', ''])('rejects --shard %j as a usage error that names the flag', async (value) => {
    const { code, stdout, stderr } = await cli(['--cwd', 'examples/forge-app', `--shard=${value}`]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`--shard is ${JSON.stringify(value)}`);
    expect(stderr).toContain('1 <= I <= N');
  });

  it('rejects --workers and --shard without a value', async () => {
    for (const flag of ['--workers', '--shard']) {
      const { code, stderr } = await cli(['--cwd', 'examples/forge-app', flag]);
      expect(code).toBe(2);
      expect(stderr).toContain(flag);
    }
  });
});

describe('the shard split', () => {
  it('deals the handlers round robin, each to exactly one shard', () => {
    expect(shardPositions({ index: 1, count: 2 }, 6)).toEqual([0, 2, 4]);
    expect(shardPositions({ index: 2, count: 2 }, 6)).toEqual([1, 3, 5]);
    expect(shardPositions({ index: 1, count: 1 }, 3)).toEqual([0, 1, 2]);
    expect(shardPositions({ index: 4, count: 4 }, 3)).toEqual([]);
    for (const count of [1, 2, 3, 5, 8]) {
      const all = Array.from({ length: count }, (_, i) => shardPositions({ index: i + 1, count }, 7))
        .flat()
        .sort((a, b) => a - b);
      expect(all).toEqual([0, 1, 2, 3, 4, 5, 6]);
    }
  });
});

const shardJson = (index: number, count: number, positions: number[], plan: string[], settings: Record<string, unknown> = {}): string =>
  JSON.stringify({
    passed: true,
    summary: { checked: positions.length, passed: positions.length, failed: 0, errors: 0, skipped: 0 },
    handlers: positions.map((p) => ({
      module: `m${p}`,
      moduleType: 'file',
      handler: `h${p}`,
      name: `h${p}`,
      regime: 'product-event',
      status: 'passed',
      passed: true,
      runs: 1,
      seed: 1,
      properties: [],
      failures: [],
    })),
    shard: { index, count, positions, plan, settings: { seed: null, numRuns: null, properties: null, skip: [], exhaustive: false, ...settings } },
  });

describe('merge usage errors (exit 2)', () => {
  const plan = ['m0 h0', 'm1 h1', 'm2 h2'];
  const files = (entries: Record<string, string>): string => {
    const dir = folder();
    for (const [name, text] of Object.entries(entries)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('needs at least one file', async () => {
    const { code, stderr } = await cli(['merge']);
    expect(code).toBe(2);
    expect(stderr).toContain('merge needs the --json files of the shards');
  });

  it('names a missing shard, a shard given twice, and a file that is not a shard', async () => {
    const dir = files({
      'a.json': shardJson(1, 3, [0], plan),
      'b.json': shardJson(1, 3, [0], plan),
      'plain.json': '{"passed":true,"summary":{},"handlers":[]}',
      'bad.json': '{',
    });
    const missing = await cli(['merge', join(dir, 'a.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shards 2/3, 3/3 missing');
    const twice = await cli(['merge', join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(twice.stderr).toContain('shard 1/3 is given twice');
    const plain = await cli(['merge', join(dir, 'plain.json'), join(dir, 'bad.json')]);
    expect(plain.stderr).toContain('is the output of a run without --shard');
    expect(plain.stderr).toContain('cannot read');
  });

  it('refuses shards of different runs', async () => {
    const dir = files({
      'a.json': shardJson(1, 2, [0, 2], plan),
      'b.json': shardJson(2, 2, [1], plan, { seed: 7 }),
      'c.json': shardJson(2, 2, [1], ['m0 h0', 'other', 'm2 h2']),
      'd.json': shardJson(2, 3, [1], plan),
    });
    expect((await cli(['merge', join(dir, 'a.json'), join(dir, 'b.json')])).stderr).toContain('ran with other settings');
    expect((await cli(['merge', join(dir, 'a.json'), join(dir, 'c.json')])).stderr).toContain('checked another list of handlers');
    expect((await cli(['merge', join(dir, 'a.json'), join(dir, 'd.json')])).stderr).toContain('is shard 2/3');
  });

  it('joins fitting shards in the order of the plan', async () => {
    const dir = files({ 'a.json': shardJson(1, 2, [0, 2], plan), 'b.json': shardJson(2, 2, [1], plan) });
    const { code, stdout } = await cli(['merge', join(dir, 'b.json'), join(dir, 'a.json')]);
    expect(code).toBe(0);
    const merged = JSON.parse(stdout) as { handlers: { module: string }[]; shard?: unknown; summary: unknown };
    expect(merged.handlers.map((h) => h.module)).toEqual(['m0', 'm1', 'm2']);
    expect(merged.shard).toBeUndefined();
    expect(merged.summary).toEqual({ checked: 3, passed: 3, failed: 0, warned: 0, inconclusive: 0, errors: 0, skipped: 0 });
  });
});
