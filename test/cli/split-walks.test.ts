/**
 * `--shard i/n --split-walks`: every job plays its slice of each handler's exhaustive walk (and a
 * round-robin share of the sampled handlers); `merge` joins the parts into the unsharded run's JSON,
 * byte for byte. On the example app with a config that walks two modules (one correct, walked to the
 * end; one buggy, whose walk stops at its first failing schedule) and samples the other four.
 * test/full/split-walks.test.ts does the same in 3 jobs, and at depth 3, where the deepest level is most
 * of the walk.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonOutput } from '../../src/cli/format-json.js';
import { splitWalkPositions } from '../../src/cli/shard.js';
import { cli, folder, removeFolders, repo, type Captured } from './helpers.js';
import { walksConfig } from './split-walks-app.js';

const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(join(repo, 'schema', 'report.schema.json'), 'utf8')) as object);

let app: string[];
let unsharded: Captured;
/** The files of the 2-job run of the first test, which the refusals reuse. */
let twoJobs: string[] = [];
beforeAll(async () => {
  app = ['--cwd', 'examples/forge-app', '--seed', '7', '--config', walksConfig(), '--json'];
  unsharded = await cli(app);
});
afterAll(removeFolders);

const jobs = async (count: number): Promise<{ files: string[]; docs: JsonOutput[] }> => {
  const dir = folder();
  const files: string[] = [];
  const docs: JsonOutput[] = [];
  for (let i = 1; i <= count; i++) {
    const out = await cli([...app, '--shard', `${i}/${count}`, '--split-walks', '--no-fail']);
    expect(out.stderr).toBe('');
    docs.push(JSON.parse(out.stdout) as JsonOutput);
    files.push(join(dir, `job-${i}.json`));
    writeFileSync(files.at(-1)!, out.stdout);
  }
  return { files, docs };
};

describe('--split-walks on the example app', () => {
  it('merges 2 jobs into the unsharded JSON byte for byte, each job playing a slice of each walk', async () => {
    const parsed = JSON.parse(unsharded.stdout) as JsonOutput;
    const walked = parsed.handlers.filter((h) => ['onIssueCreated', 'lookupReporter'].includes(h.name));
    expect(walked.map((h) => h.status)).toEqual(['passed', 'warned']);
    for (const count of [2]) {
      const { files, docs } = await jobs(count);
      twoJobs = files;
      for (const doc of docs) expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      // Every job has both walks; the four sampled handlers are shared out among the jobs.
      for (const doc of docs) expect(doc.handlers.filter((h) => h.walkPart !== undefined).map((h) => h.name)).toEqual(['onIssueCreated', 'lookupReporter']);
      expect(docs.flatMap((d) => d.handlers.filter((h) => h.walkPart === undefined)).length).toBe(4);
      const slices = docs.map((d) => d.handlers[0]!.walkPart!.record.deepest);
      expect(slices.map((s) => s.to - s.from).reduce((a, b) => a + b, 0)).toBe(slices[0]!.of);
      expect(slices[0]!.of).toBeGreaterThan(count);
      const merged = await cli(['merge', ...files]);
      expect(merged.stderr).toBe('');
      expect(merged.stdout).toBe(unsharded.stdout);
      expect(merged.code).toBe(unsharded.code);
    }
  });

  it('refuses jobs that are not one split walk, naming the handler and the problem', async () => {
    const files = twoJobs;
    const missing = await cli(['merge', files[0]!]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shard 2/2 missing');
    // A part whose walk above the deepest level differs (another commit, say) is refused by name.
    const doc = JSON.parse(readFileSync(files[1]!, 'utf8')) as { handlers: { walkPart?: { record: { prefix: { runs: number } } } }[] };
    doc.handlers[0]!.walkPart!.record.prefix.runs += 1;
    writeFileSync(files[1]!, JSON.stringify(doc));
    const tampered = await cli(['merge', ...files]);
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toContain(
      "the shards' parts of the exhaustive walk of issue-created-triage index.onIssueCreated do not make one walk: slice 2 walked other levels",
    );
  });

  it('is refused without --shard, with --path, or when no handler walks', async () => {
    const noShard = await cli(['--cwd', 'examples/forge-app', '--split-walks']);
    expect(noShard.code).toBe(2);
    expect(noShard.stderr).toContain('--split-walks was given without --shard');
    const nothing = await cli(['--cwd', 'examples/forge-app', '--shard', '1/2', '--split-walks', '--num-runs', '5']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('no handler walks exhaustively');
    const replay = await cli(['--cwd', 'examples/forge-app', '--shard', '1/2', '--split-walks', '--path', 'x3']);
    expect(replay.code).toBe(2);
    expect(replay.stderr).toContain('--split-walks and --path');
  });

  it('gives every job each walking handler and a round-robin share of the others', () => {
    const walking = [true, false, false, true, false];
    expect(splitWalkPositions({ index: 1, count: 2 }, walking)).toEqual([0, 1, 3, 4]);
    expect(splitWalkPositions({ index: 2, count: 2 }, walking)).toEqual([0, 2, 3]);
  });
});
