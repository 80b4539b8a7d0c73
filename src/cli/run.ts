/**
 * The CLI's main function: parse the command line, find the handlers (manifest or file#export), take
 * this shard's share, load and check each under its module's delivery rules (here or in worker
 * processes), and print and write the results. Returns the exit code instead of exiting, so tests
 * call it directly.
 */
import { appendFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { CheckOptions, ForgeHandler } from '../api/types.js';
import { PROPERTIES, type PropertyId } from '../../properties/catalog.js';
import { parseCliArgs, HELP, type CliArgs } from './args.js';
import { checkLoaded, loadTask, type CheckTask } from './check-task.js';
import { CliUsageError, EXIT, formatProblems, type ExitCode, type Problem } from './errors.js';
import { formatJson, type JsonShard } from './format-json.js';
import { formatJunit } from './format-junit.js';
import { formatMarkdown } from './format-markdown.js';
import { formatSarif } from './format-sarif.js';
import { formatOutcome, formatSummary } from './format-text.js';
import { fileTargets } from './file-targets.js';
import { manifestTargets, readManifest } from './manifest.js';
import { runMerge } from './merge.js';
import { tally, type HandlerOutcome } from './handler-outcome.js';
import { shardPositions } from './shard.js';
import { targetDetail, targetHandler, targetModule, targetName, type CheckTarget } from './target.js';
import { packageVersion } from './version.js';
import { runInPool, workerMode } from './workers.js';

/** Where the CLI reads and writes; `process` by default, a fake in tests. */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(chunk: string): unknown };
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });

const applicableProperties = (args: CliArgs, target: CheckTarget): PropertyId[] => {
  const regime = target.options.trigger ?? 'product-event';
  return PROPERTIES.filter(
    (p) => (p.regimes as readonly string[]).includes(regime) && (args.properties === undefined || args.properties.includes(p.id)) && !args.skip.includes(p.id),
  ).map((p) => p.id);
};

const checkOptions = (args: CliArgs, target: CheckTarget): CheckOptions => ({
  ...target.options,
  ...(args.seed !== undefined ? { seed: args.seed } : {}),
  ...(args.numRuns !== undefined ? { numRuns: args.numRuns } : {}),
  ...(args.properties !== undefined ? { properties: args.properties } : {}),
  ...(args.skip.length > 0 ? { skip: args.skip } : {}),
  ...(args.exhaustive ? { exhaustive: true } : {}),
  ...(args.verbose ? { showConsole: true } : {}),
});

const taskOf = (args: CliArgs, target: CheckTarget): CheckTask => ({
  target,
  properties: applicableProperties(args, target),
  options: checkOptions(args, target),
  displayFile: relative(args.cwd, target.file) || target.file,
});

const loadAll = async (tasks: readonly CheckTask[]): Promise<{ loaded: [CheckTask, ForgeHandler][]; problems: Problem[] }> => {
  const loaded: [CheckTask, ForgeHandler][] = [];
  const problems: Problem[] = [];
  for (const task of tasks) {
    const handler = await loadTask(task);
    if (typeof handler === 'function') loaded.push([task, handler]);
    else problems.push(handler);
  }
  return { loaded, problems };
};

const noPropertyApplies = (): CliUsageError =>
  new CliUsageError([
    {
      what: 'none of the selected properties applies to any handler found',
      fix: `${PROPERTIES.filter((p) => p.regimes.length === 1)
        .map((p) => `${p.id} judges ${p.regimes.join(', ')} handlers only`)
        .join('; ')}; check the --property / --skip ids`,
    },
  ]);

/** In this process: load every handler first (so a load problem stops the run before any output), then check each, printing as it goes. */
const checkHere = async (
  args: CliArgs,
  io: CliIo,
  tasks: readonly CheckTask[],
  problems: readonly Problem[],
  noneApplies: boolean,
  progress: boolean,
): Promise<HandlerOutcome[]> => {
  const { loaded, problems: loadProblems } = await loadAll(tasks);
  if (problems.length > 0 || loadProblems.length > 0) throw new CliUsageError([...problems, ...loadProblems]);
  if (noneApplies) throw noPropertyApplies();
  const outcomes: HandlerOutcome[] = [];
  for (const [task, handler] of loaded) {
    if (progress) io.stdout.write(`checking ${targetName(task.target)} (${targetDetail(task.target)})...`);
    const outcome = await checkLoaded(task, handler);
    outcomes.push(outcome);
    if (progress) io.stdout.write('\r\u001b[2K');
    if (!args.json) io.stdout.write(`${formatOutcome(outcome, progress)}\n`);
  }
  return outcomes;
};

/**
 * In a pool of worker processes. Output waits for every task, so that a handler that fails to load
 * stops the run with the same message, and nothing before it, as in this process.
 */
const checkInPool = async (
  args: CliArgs,
  io: CliIo,
  tasks: readonly CheckTask[],
  mode: Parameters<typeof runInPool>[1],
  progress: boolean,
): Promise<HandlerOutcome[]> => {
  const status = (done: number): string => `\r\u001b[2Kchecking ${tasks.length} handlers in ${mode.size} workers... ${done}/${tasks.length}`;
  if (progress) io.stdout.write(status(0));
  const results = await runInPool(tasks, mode, (done) => {
    if (progress) io.stdout.write(status(done));
  });
  if (progress) io.stdout.write('\r\u001b[2K');
  const loadProblems = results.flatMap((r) => (r.kind === 'load-problem' ? [r.problem] : []));
  if (loadProblems.length > 0) throw new CliUsageError(loadProblems);
  const outcomes = results.flatMap((r) => (r.kind === 'outcome' ? [r.outcome] : []));
  if (!args.json) for (const outcome of outcomes) io.stdout.write(`${formatOutcome(outcome, progress)}\n`);
  return outcomes;
};

const writeReport = (path: string, what: string, text: string, append = false): void => {
  try {
    if (append) appendFileSync(path, text);
    else writeFileSync(path, text);
  } catch (error) {
    throw new CliUsageError([
      {
        what: `cannot write the ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'pass a path in a folder that exists and is writable',
      },
    ]);
  }
};

const shardRecord = (args: CliArgs, targets: readonly CheckTarget[], positions: readonly number[]): JsonShard | undefined =>
  args.shard === undefined
    ? undefined
    : {
        index: args.shard.index,
        count: args.shard.count,
        positions,
        plan: targets.map((t) => `${targetModule(t)} ${targetHandler(t)}`),
        settings: { seed: args.seed ?? null, numRuns: args.numRuns ?? null, properties: args.properties ?? null, skip: args.skip, exhaustive: args.exhaustive },
      };

/** Report files whose folder does not exist: found before the run, not after it. */
const unwritableReports = (args: CliArgs, io: CliIo): Problem[] => {
  const files: [string, string | undefined][] = [
    ['--junit', args.junit],
    ['--sarif', args.sarif],
    ['--markdown', args.markdown],
    ['GITHUB_STEP_SUMMARY', (io.env['GITHUB_STEP_SUMMARY'] ?? '') === '' ? undefined : resolve(io.cwd, io.env['GITHUB_STEP_SUMMARY']!)],
  ];
  return files.flatMap(([flag, path]) => {
    if (path === undefined) return [];
    const folder = dirname(path);
    if (existsSync(folder) && statSync(folder).isDirectory()) return [];
    return [
      {
        what: `${flag} ${path}: its folder ${folder} does not exist${existsSync(folder) ? ' (it is a file)' : ''}, so the report could not be written (nothing was checked)`,
        fix: `create the folder first (mkdir -p ${folder}), or pass a path in a folder that exists`,
      },
    ];
  });
};

const run = async (args: CliArgs, io: CliIo): Promise<ExitCode> => {
  const unwritable = unwritableReports(args, io);
  if (unwritable.length > 0) throw new CliUsageError(unwritable);
  const found = args.files.length > 0 ? fileTargets(args) : manifestTargets(args.cwd, readManifest(args.cwd));
  const all = found.targets.map((target) => taskOf(args, target));
  // Judged on every handler, not on this shard's: a shard whose handlers all skip is not a usage error.
  const noneApplies = all.every((t) => t.properties.length === 0);
  const positions = args.shard === undefined ? all.map((_, k) => k) : shardPositions(args.shard, all.length);
  const tasks = positions.map((k) => all[k]!);

  const progress = io.stdout.isTTY === true && !args.json && (io.env['CI'] ?? '') === '';
  const mode = workerMode(args.workers, tasks.length);
  const outcomes =
    mode.kind === 'pool' && found.problems.length === 0 && !noneApplies
      ? await checkInPool(args, io, tasks, mode, progress)
      : await checkHere(args, io, tasks, found.problems, noneApplies, progress);

  const t = tally(outcomes);
  if (args.json) io.stdout.write(formatJson(outcomes, shardRecord(args, found.targets, positions)));
  else io.stdout.write(`\n${formatSummary(outcomes)}\n`);
  if (args.junit !== undefined) writeReport(args.junit, 'JUnit file', formatJunit(outcomes));
  if (args.sarif !== undefined) writeReport(args.sarif, 'SARIF file', formatSarif(outcomes, io.cwd, packageVersion()));
  const summaryFile = io.env['GITHUB_STEP_SUMMARY'] ?? '';
  if (args.markdown !== undefined || summaryFile !== '') {
    const markdown = formatMarkdown(outcomes, args.shard);
    if (args.markdown !== undefined) writeReport(args.markdown, 'Markdown file', markdown);
    if (summaryFile !== '') writeReport(summaryFile, 'GitHub step summary', markdown, true);
  }
  if (t.errors > 0) return EXIT.usage;
  if (t.failed > 0 && !args.noFail) return EXIT.findings;
  return EXIT.passed;
};

/**
 * Runs the CLI with `argv` (without node and the script) and returns the exit code: 0 when every
 * handler passed, 1 on findings (0 with `--no-fail`), 2 on a usage or load error.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export const main = async (argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> => {
  try {
    if (argv[0] === 'merge') return runMerge(argv.slice(1), io);
    const args = parseCliArgs(argv, io.cwd);
    if (args.help) {
      io.stdout.write(HELP);
      return EXIT.passed;
    }
    if (args.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT.passed;
    }
    return await run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`${formatProblems(error.problems)}\n`);
      return EXIT.usage;
    }
    throw error;
  }
};
