/**
 * 6. The CLI on the example app at 1 and 2 workers: wall time of `node dist/cli.js --cwd
 * examples/forge-app` as a user runs it (process start, loading, checks, output), sampled and with
 * --exhaustive. Builds dist/ first, since that is what an installed CLI runs. The output of every run
 * is compared with the 1-worker run's: the speed-up is only worth something if the bytes are the same.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { maxOf, median, minOf } from './stats.js';

/** Worker counts compared, and runs per count. */
export const CLI_WORKERS_CONFIG = { workers: [1, 2], sampledWarmup: 1, sampledRepetitions: 3, exhaustiveRepetitions: 1 } as const;

/** One mode at one worker count. */
export interface CliWorkersRow {
  readonly mode: 'sampled' | 'exhaustive';
  readonly workers: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samplesMs: readonly number[];
  /** Median of the 1-worker runs of the same mode over this row's median. */
  readonly speedup: number;
  /** Whether every run printed exactly what the first 1-worker run printed. */
  readonly sameOutput: boolean;
  readonly exitCode: number | null;
}

const repo = fileURLToPath(new URL('..', import.meta.url));

const build = (): void => {
  const r = spawnSync(join(repo, 'node_modules', '.bin', 'tsup'), ['--silent'], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench: the build failed: ${r.stderr}`);
};

const runCli = (workers: number, exhaustive: boolean): { ms: number; stdout: string; code: number | null } => {
  const args = ['dist/cli.js', '--cwd', 'examples/forge-app', '--no-fail', '--workers', String(workers), ...(exhaustive ? ['--exhaustive'] : [])];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', FORGE_RETRY_HARNESS_SEED: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ms: performance.now() - t0, stdout: r.stdout, code: r.status };
};

const measureMode = (mode: CliWorkersRow['mode'], warmup: number, repetitions: number): CliWorkersRow[] => {
  let reference: string | undefined;
  const measured = CLI_WORKERS_CONFIG.workers.map((workers) => {
    for (let i = 0; i < warmup; i++) runCli(workers, mode === 'exhaustive');
    const runs = Array.from({ length: repetitions }, () => runCli(workers, mode === 'exhaustive'));
    reference ??= runs[0]?.stdout;
    const samplesMs = runs.map((r) => r.ms);
    return { workers, samplesMs, sameOutput: runs.every((r) => r.stdout === reference), exitCode: runs[0]?.code ?? null };
  });
  const base = median(measured[0]?.samplesMs ?? []);
  return measured.map((m) => ({
    mode,
    ...m,
    medianMs: median(m.samplesMs),
    minMs: minOf(m.samplesMs),
    maxMs: maxOf(m.samplesMs),
    speedup: base / median(m.samplesMs),
  }));
};

/** Builds dist/ and times the CLI; `exhaustive: false` leaves out the --exhaustive runs. */
export const runCliWorkers = (withExhaustive: boolean): CliWorkersRow[] => {
  build();
  return [
    ...measureMode('sampled', CLI_WORKERS_CONFIG.sampledWarmup, CLI_WORKERS_CONFIG.sampledRepetitions),
    ...(withExhaustive ? measureMode('exhaustive', 0, CLI_WORKERS_CONFIG.exhaustiveRepetitions) : []),
  ];
};
