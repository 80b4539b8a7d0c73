/**
 * 6. The CLI on the example apps at 1 and 2 workers: wall time of `node dist/cli.js --cwd
 * examples/<app>` as a user runs it (process start, loading, checks, output), sampled and with
 * --exhaustive, and the CPU time of the process and its workers (what the workers cost beyond the
 * work). Builds dist/ first, since that is what an installed CLI runs. The output of every run is
 * compared with the 1-worker run's: the speed-up is only worth something if the bytes are the same.
 * Worker counts alternate run by run, so that other load on the machine weighs on both alike.
 *
 * Alone: `npx tsx bench/cli-workers.ts [--no-exhaustive] [--repetitions N] [--no-build]` (--no-build: time
 * the dist/ already there).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { maxOf, median, minOf } from './stats.js';
import { formatTable, num } from './table.js';

/** Worker counts compared, and runs per count. */
export const CLI_WORKERS_CONFIG = {
  workers: [1, 2],
  apps: ['examples/forge-app', 'examples/release-notes-app'],
  exhaustiveApp: 'examples/forge-app',
  sampledWarmup: 1,
  sampledRepetitions: 3,
  exhaustiveRepetitions: 1,
} as const;

/** One app and mode at one worker count. */
export interface CliWorkersRow {
  readonly app: string;
  readonly mode: 'sampled' | 'exhaustive';
  readonly workers: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samplesMs: readonly number[];
  /** Median CPU time (user + system) of the CLI and its worker processes. */
  readonly cpuMs: number;
  /** Median of the 1-worker runs of the same mode over this row's median. */
  readonly speedup: number;
  /** Whether every run printed exactly what the first 1-worker run printed. */
  readonly sameOutput: boolean;
  readonly exitCode: number | null;
}

const repo = fileURLToPath(new URL('..', import.meta.url));

/** Builds dist/ (what an installed CLI runs). */
export const build = (): void => {
  const r = spawnSync(join(repo, 'node_modules', '.bin', 'tsup'), ['--silent'], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench: the build failed: ${r.stderr}`);
};

interface CliRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly stdout: string;
  readonly code: number | null;
}

/** `/usr/bin/time`'s CPU seconds of the process and the children it waited for, when it is there. */
const TIME = '/usr/bin/time';

const runCli = (app: string, workers: number, exhaustive: boolean): CliRun => {
  const args = ['dist/cli.js', '--cwd', app, '--no-fail', '--workers', String(workers), ...(exhaustive ? ['--exhaustive'] : [])];
  const timed = spawnSync(TIME, ['-f', '%U %S', 'true']).status === 0;
  const t0 = performance.now();
  const r = spawnSync(timed ? TIME : process.execPath, timed ? ['-f', 'cpu %U %S', process.execPath, ...args] : args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', FORGE_RETRY_HARNESS_SEED: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  const cpu = /cpu (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*$/.exec(r.stderr);
  return { ms, cpuMs: cpu === null ? Number.NaN : (Number(cpu[1]) + Number(cpu[2])) * 1000, stdout: r.stdout, code: r.status };
};

const measure = (app: string, mode: CliWorkersRow['mode'], warmup: number, repetitions: number): CliWorkersRow[] => {
  const exhaustive = mode === 'exhaustive';
  const counts = CLI_WORKERS_CONFIG.workers;
  for (let i = 0; i < warmup; i++) for (const w of counts) runCli(app, w, exhaustive);
  const runs = new Map<number, CliRun[]>(counts.map((w) => [w, []]));
  for (let i = 0; i < repetitions; i++) for (const w of counts) runs.get(w)!.push(runCli(app, w, exhaustive));
  const reference = runs.get(counts[0])?.[0]?.stdout;
  const base = median(runs.get(counts[0])!.map((r) => r.ms));
  return counts.map((workers) => {
    const mine = runs.get(workers)!;
    const samplesMs = mine.map((r) => r.ms);
    return {
      app,
      mode,
      workers,
      medianMs: median(samplesMs),
      minMs: minOf(samplesMs),
      maxMs: maxOf(samplesMs),
      samplesMs,
      cpuMs: median(mine.map((r) => r.cpuMs)),
      speedup: base / median(samplesMs),
      sameOutput: mine.every((r) => r.stdout === reference),
      exitCode: mine[0]?.code ?? null,
    };
  });
};

/** Builds dist/ and times the CLI; `withExhaustive: false` leaves out the --exhaustive runs. */
export const runCliWorkers = (withExhaustive: boolean, repetitions: number = CLI_WORKERS_CONFIG.sampledRepetitions, rebuild = true): CliWorkersRow[] => {
  if (rebuild) build();
  return [
    ...CLI_WORKERS_CONFIG.apps.flatMap((app) => measure(app, 'sampled', CLI_WORKERS_CONFIG.sampledWarmup, repetitions)),
    ...(withExhaustive ? measure(CLI_WORKERS_CONFIG.exhaustiveApp, 'exhaustive', 0, CLI_WORKERS_CONFIG.exhaustiveRepetitions) : []),
  ];
};

/** The rows as a table. */
export const formatCliWorkers = (rows: readonly CliWorkersRow[], repetitions: number = CLI_WORKERS_CONFIG.sampledRepetitions): string =>
  formatTable(
    `6. CLI wall time on the example apps (node dist/cli.js, built first), by --workers; median of ${repetitions} after ${CLI_WORKERS_CONFIG.sampledWarmup} warm-up (exhaustive: ${CLI_WORKERS_CONFIG.exhaustiveRepetitions} run)`,
    [
      { header: 'app', align: 'left' },
      { header: 'mode', align: 'left' },
      { header: 'workers' },
      { header: 'median ms' },
      { header: 'min' },
      { header: 'max' },
      { header: 'cpu ms' },
      { header: 'speed-up' },
      { header: 'same output', align: 'left' },
      { header: 'exit' },
    ],
    rows.map((c) => [c.app, c.mode, c.workers, c.medianMs, c.minMs, c.maxMs, c.cpuMs, `${num(c.speedup, 2)}x`, c.sameOutput ? 'yes' : 'NO', c.exitCode]),
    [
      'process start to exit, as a user runs it; cpu = user + system time of the CLI and its workers (median); speed-up = the 1-worker median / this median;',
      '"same output" compares stdout with the first 1-worker run; worker counts alternate run by run, so that other load weighs on both',
    ],
  );

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--repetitions');
  const repetitions = at < 0 ? CLI_WORKERS_CONFIG.sampledRepetitions : Number(process.argv[at + 1]);
  const load = os.loadavg()[0]!;
  console.log(formatCliWorkers(runCliWorkers(!process.argv.includes('--no-exhaustive'), repetitions, !process.argv.includes('--no-build')), repetitions));
  console.log(`load average (1 min) before: ${num(load, 2)}, after: ${num(os.loadavg()[0]!, 2)} on ${os.availableParallelism()} cores`);
}
