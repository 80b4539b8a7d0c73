/** `--shard` with more shards than handlers: some shards are empty, and merge still gives the unsharded JSON (test/cli/shard-merge.test.ts merges 2). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonOutput } from '../../src/cli/format-json.js';
import { cli, folder, removeFolders } from '../cli/helpers.js';

afterAll(removeFolders);

const APP = ['--cwd', 'examples/forge-app', '--seed', '7', '--num-runs', '30', '--json'];

describe('--shard and merge with more shards than handlers', () => {
  it('merges 8 shards (two of them empty) into the unsharded JSON', async () => {
    const unsharded = await cli(APP);
    const dir = folder();
    const files: string[] = [];
    let handlers = 0;
    for (let i = 1; i <= 8; i++) {
      const out = await cli([...APP, '--shard', `${i}/8`, '--no-fail']);
      handlers += (JSON.parse(out.stdout) as JsonOutput).handlers.length;
      files.push(join(dir, `shard-${i}.json`));
      writeFileSync(files.at(-1)!, out.stdout);
    }
    expect(handlers).toBe(6);
    expect((await cli(['merge', ...files])).stdout).toBe(unsharded.stdout);
  });
});
