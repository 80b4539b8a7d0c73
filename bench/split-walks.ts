/**
 * 9. One handler's exhaustive walk split across the jobs of a matrix (`--shard i/n --split-walks`):
 * the example app's exhaustive run (its correct handler's walk is most of it) as one job and as 2 and 4
 * jobs, each job timed alone (in CI each has a machine of its own), so the matrix's wall time is its
 * slowest job's. The jobs' JSON is merged and compared with the one job's: the split is only worth
 * something if the bytes are the same.
 *
 * Alone: `npx tsx bench/split-walks.ts [--no-build]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './cli-workers.js';
import { formatTable, num } from './table.js';

/** The app, and the job counts compared (1: the unsharded run). */
export const SPLIT_WALKS_CONFIG = { app: 'examples/forge-app', jobs: [1, 2, 4] } as const;

/** One matrix size. */
export interface SplitWalksRow {
  readonly jobs: number;
  /** Each job's wall time, in job order. */
  readonly jobMs: readonly number[];
  /** The slowest job: the matrix's wall time. */
  readonly slowestMs: number;
  /** All jobs together: what the matrix costs in machine time. */
  readonly totalMs: number;
  /** The one job's time over the slowest job's. */
  readonly speedup: number;
  /** Whether merging the jobs' JSON gave the one job's JSON byte for byte. */
  readonly sameOutput: boolean;
}

const repo = fileURLToPath(new URL('..', import.meta.url));

const runJob = (args: readonly string[]): { ms: number; stdout: string } => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', FORGE_RETRY_HARNESS_SEED: '' },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`bench: forge-retry-harness ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  return { ms: performance.now() - t0, stdout: r.stdout };
};

/** Times the app's exhaustive run as 1, 2 and 4 jobs, one worker each. */
export const runSplitWalks = (rebuild = true): SplitWalksRow[] => {
  if (rebuild) build();
  const base = ['--cwd', SPLIT_WALKS_CONFIG.app, '--exhaustive', '--json', '--no-fail', '--workers', '1'];
  const dir = mkdtempSync(join(os.tmpdir(), 'frh-split-'));
  try {
    let reference = '';
    let oneMs = Number.NaN;
    return SPLIT_WALKS_CONFIG.jobs.map((jobs) => {
      const runs = jobs === 1 ? [runJob(base)] : Array.from({ length: jobs }, (_, i) => runJob([...base, '--shard', `${i + 1}/${jobs}`, '--split-walks']));
      let merged = runs[0]!.stdout;
      if (jobs === 1) {
        reference = merged;
        oneMs = runs[0]!.ms;
      } else {
        const files = runs.map((r, i) => {
          const file = join(dir, `job-${jobs}-${i + 1}.json`);
          writeFileSync(file, r.stdout);
          return file;
        });
        merged = runJob(['merge', '--no-fail', ...files]).stdout;
      }
      const jobMs = runs.map((r) => r.ms);
      const slowestMs = Math.max(...jobMs);
      return { jobs, jobMs, slowestMs, totalMs: jobMs.reduce((a, b) => a + b, 0), speedup: oneMs / slowestMs, sameOutput: merged === reference };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The rows as a table. */
export const formatSplitWalks = (rows: readonly SplitWalksRow[]): string =>
  formatTable(
    `9. ${SPLIT_WALKS_CONFIG.app} --exhaustive as a matrix of --shard I/N --split-walks jobs (node dist/cli.js --workers 1, each job alone)`,
    [
      { header: 'jobs' },
      { header: 'slowest job ms' },
      { header: 'all jobs ms' },
      { header: 'speed-up' },
      { header: 'each job ms', align: 'left' },
      { header: 'merged = one job', align: 'left' },
    ],
    rows.map((r) => [r.jobs, r.slowestMs, r.totalMs, `${num(r.speedup, 2)}x`, r.jobMs.map((ms) => num(ms)).join(' '), r.sameOutput ? 'yes' : 'NO']),
    [
      'a matrix runs its jobs at once on machines of their own, so its wall time is the slowest job; every job walks the levels above the deepest whole',
      '(the same in each) and a slice of the deepest, so the speed-up is bounded by the share of the deepest level in the walk',
    ],
  );

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const load = os.loadavg()[0]!;
  console.log(formatSplitWalks(runSplitWalks(!process.argv.includes('--no-build'))));
  console.log(`load average (1 min) before: ${num(load, 2)}, after: ${num(os.loadavg()[0]!, 2)} on ${os.availableParallelism()} cores`);
}
