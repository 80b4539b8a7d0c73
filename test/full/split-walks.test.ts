/**
 * `--split-walks` at the depths where it pays: the example app walked to depth 3 (every handler; the
 * deepest level is most of a correct handler's walk) in 2 and 4 jobs, merged byte for byte into the
 * unsharded run; and every buggy corpus handler's walk split in 2 and 3, joined into the unsplit
 * result field for field. test/cli/split-walks.test.ts and test/runner/walk-part.test.ts are the quick forms.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/api/check.js';
import { checkWalkPart, joinWalkParts, type WalkPart } from '../../src/api/walk-chunks.js';
import type { JsonOutput } from '../../src/cli/format-json.js';
import { cli, folder, removeFolders } from '../cli/helpers.js';
import { walksConfig } from '../cli/split-walks-app.js';
import { BUGGY } from '../handlers/index.js';

afterAll(removeFolders);

describe('--split-walks on the example app at depth 3', () => {
  it('merges 2 and 4 jobs into the unsharded JSON, byte for byte', async () => {
    const config = join(
      folder({
        'depth3.json': JSON.stringify({
          defaults: { exhaustive: { depth: 3 } },
          modules: { 'crm-sync-consumer': { event: { issueKey: 'SUP-42', action: 'sync-to-crm', requestedBy: '5b10ac8d82e05b22cc7d4ef5' } } },
        }),
      }),
      'depth3.json',
    );
    const app = ['--cwd', 'examples/forge-app', '--config', config, '--json', '--no-fail', '--workers', '1'];
    const unsharded = await cli(app);
    expect(unsharded.stdout).toContain('"runs": 746');
    for (const count of [2, 4]) {
      const dir = folder();
      const files: string[] = [];
      for (let i = 1; i <= count; i++) {
        const job = await cli([...app, '--shard', `${i}/${count}`, '--split-walks']);
        const doc = JSON.parse(job.stdout) as JsonOutput;
        expect(doc.handlers.every((h) => h.walkPart !== undefined)).toBe(true);
        files.push(join(dir, `job-${i}.json`));
        writeFileSync(files.at(-1)!, job.stdout);
      }
      expect((await cli(['merge', '--no-fail', ...files])).stdout).toBe(unsharded.stdout);
    }
  });
});

describe('every buggy corpus handler’s walk split', () => {
  it('joins to the unsplit walk, in 2 and in 3 parts', async () => {
    for (const b of BUGGY.filter((x) => !x.name.startsWith('pages with'))) {
      for (const depth of [1, 2]) {
        const options = { ...b.options, exhaustive: { depth } };
        const serial = await checkRetrySemantics(b.handler, options);
        for (const count of [2, 3]) {
          const parts: WalkPart[] = [];
          for (let index = 1; index <= count; index++) parts.push((await checkWalkPart(b.handler, options, { index, count }))!);
          expect(joinWalkParts(parts, serial.seed), `${b.name} at depth ${depth} in ${count}`).toEqual({ ...serial, report: '' });
        }
      }
    }
  });
});

describe('--split-walks on the example app in 3 jobs', () => {
  it('merges into the unsharded JSON, prints the same job at --workers 2, says in each job’s text that its verdict is its part’s, and refuses a job of another seed', async () => {
    const app = ['--cwd', 'examples/forge-app', '--seed', '7', '--config', walksConfig()];
    const unsharded = await cli([...app, '--json']);
    const dir = folder();
    const files: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const job = await cli([...app, '--json', '--shard', `${i}/3`, '--split-walks', '--no-fail']);
      files.push(join(dir, `job-${i}.json`));
      writeFileSync(files.at(-1)!, job.stdout);
    }
    const merged = await cli(['merge', ...files]);
    expect(merged.stdout).toBe(unsharded.stdout);
    expect(merged.code).toBe(unsharded.code);
    // A job's parts run whole in whichever process takes them: --workers 2 prints the same bytes.
    const pooled = await cli([...app, '--json', '--shard', '1/3', '--split-walks', '--no-fail', '--workers', '2']);
    expect(pooled.stdout).toBe(readFileSync(files[0]!, 'utf8'));
    const text = await cli([...app, '--shard', '2/3', '--split-walks', '--no-fail']);
    expect(text.stdout).toMatch(/walk part {3}2 of 3 \(--split-walks\): the levels above the deepest whole, and schedules \d+-\d+ of the \d+ of the deepest/);
    // Job 3 of a run with another seed: the handler lists match, the settings do not.
    const other = await cli([...app, '--json', '--shard', '3/3', '--split-walks', '--no-fail', '--seed', '8']);
    writeFileSync(files[2]!, other.stdout);
    const mixed = await cli(['merge', ...files]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('ran with other settings');
  });
});
