/** `--shard i/n` splits the example app's handlers over jobs; `merge` joins their JSON into the unsharded run's, byte for byte. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonOutput } from '../../src/cli/format-json.js';
import { cli, folder, removeFolders, repo, type Captured } from './helpers.js';

const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(join(repo, 'schema', 'report.schema.json'), 'utf8')) as object);
// 30 runs a check: sharding splits handlers, not runs, so the merge is as exact as at 100 (the demo runs 100).
const APP = ['--cwd', 'examples/forge-app', '--seed', '7', '--num-runs', '30', '--json'];

let unsharded: Captured;
beforeAll(async () => {
  unsharded = await cli(APP);
});
afterAll(removeFolders);

/** Runs every shard of `count` and writes each one's JSON to a file, as the jobs of a matrix would. */
const shards = async (count: number): Promise<{ files: string[]; outputs: Captured[] }> => {
  const dir = folder();
  const outputs: Captured[] = [];
  const files: string[] = [];
  for (let i = 1; i <= count; i++) {
    const out = await cli([...APP, '--shard', `${i}/${count}`, '--no-fail']);
    outputs.push(out);
    files.push(join(dir, `shard-${i}.json`));
    writeFileSync(files.at(-1)!, out.stdout);
  }
  return { files, outputs };
};

describe('--shard and merge on the example app', () => {
  it('shards 1/2 and 2/2 merge into the unsharded JSON, byte for byte, with its exit code', async () => {
    const { files, outputs } = await shards(2);
    const [first, second] = outputs.map((o) => JSON.parse(o.stdout) as JsonOutput);
    const all = (JSON.parse(unsharded.stdout) as JsonOutput).handlers.map((h) => h.name);
    expect(first?.handlers.map((h) => h.name)).toEqual(all.filter((_, k) => k % 2 === 0));
    expect(second?.handlers.map((h) => h.name)).toEqual(all.filter((_, k) => k % 2 === 1));
    for (const doc of [first, second]) expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const merged = await cli(['merge', ...files]);
    expect(merged.stderr).toBe('');
    expect(merged.stdout).toBe(unsharded.stdout);
    expect(merged.code).toBe(unsharded.code);
    expect((await cli(['merge', '--no-fail', ...[...files].reverse()])).stdout).toBe(unsharded.stdout);
  });

  it('prints only its own handlers as text', async () => {
    const text = await cli(['--cwd', 'examples/forge-app', '--seed', '7', '--shard', '2/3', '--num-runs', '20', '--no-fail']);
    expect(text.stdout.match(/^[✓✗] \S+/gm)).toEqual(['✗ lookupReporter', '✗ onWorklogCreated']);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('2 handlers checked: 0 passed, 2 failed');
  });
});
