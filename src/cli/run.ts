/**
 * The CLI's main function: parse the command line, find the handlers (manifest or file#export), take
 * this shard's share, load and check each under its module's delivery rules (here or in worker
 * processes), and print and write the results. Returns the exit code instead of exiting, so tests
 * call it directly.
 */
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { thrownMessage } from '../../models/render-value.js';
import type { CheckOptions } from '../api/types.js';
import { PROPERTIES, type PropertyId } from '../../properties/catalog.js';
import { propertySelection, regimeOf } from '../runner/applicable-properties.js';
import { parseCliArgs, HELP, type CliArgs } from './args.js';
import { checkLoaded, loadTask, taskOptions, walksExhaustively, type CheckTask } from './check-task.js';
import { CliUsageError, EXIT, formatProblems, type ExitCode, type Problem } from './errors.js';
import { formatJson, formatJsonProblems, type JsonShard } from './format-json.js';
import { formatJunit } from './format-junit.js';
import { formatMarkdown } from './format-markdown.js';
import { formatSarif } from './format-sarif.js';
import { formatOutcome, formatSummary } from './format-text.js';
import { fileTargets } from './file-targets.js';
import { manifestTargets, readManifest } from './manifest.js';
import { runMerge } from './merge.js';
import { tally, type HandlerOutcome } from './handler-outcome.js';
import { shardPositions, splitWalkPositions } from './shard.js';
import { targetDetail, targetHandler, targetModule, targetName, type CheckTarget } from './target.js';
import { packageVersion } from './version.js';
import { runInPool, workerMode } from './workers.js';
import { CONFIG_BASENAME, findConfig, loadConfig, moduleConfig, type LoadedConfig } from './config-file.js';
import { forgeApiProblems } from './preflight.js';
import { harvestPushes } from './queue-bodies.js';
import { inputSource, type TaskInput } from './task-input.js';

/** Where the CLI reads and writes; `process` by default, a fake in tests. */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(chunk: string): unknown };
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });

/** The properties that judge a target under the options its check will get (module, config entry, command line). */
const applicableProperties = (args: CliArgs, setup: RunSetup, target: CheckTarget): PropertyId[] => {
  const entry = setup.config === undefined ? {} : moduleConfig(setup.config.config, moduleOf(target));
  const o = { ...target.options, ...entry, ...cliOptions(args) };
  // The CLI gives the payload itself only from an event file, a config entry or a producer's pushes; for
  // a trigger the API generates it from the event type, and then many-events scenarios play by default.
  const kind = firstInput(setup, target).kind;
  const eventGiven = kind !== 'payloads' && kind !== 'default';
  return propertySelection(regimeOf(o.trigger ?? 'product-event', o.consumerShape), { ...o, eventGiven }).selected.map((p) => p.id);
};

/** The command line's options; the module's and the config file's come first (check-task.ts). */
const cliOptions = (args: CliArgs): CheckOptions => ({
  ...(args.seed !== undefined ? { seed: args.seed } : {}),
  ...(args.numRuns !== undefined ? { numRuns: args.numRuns } : {}),
  ...(args.properties !== undefined ? { properties: args.properties } : {}),
  ...(args.skip.length > 0 ? { skip: args.skip } : {}),
  ...(args.exhaustive ? { exhaustive: true } : {}),
  ...(args.strictAssumptions ? { strictAssumptions: true } : {}),
  ...(args.verbose ? { showConsole: true } : {}),
  ...(args.path !== undefined ? { path: args.path } : {}),
});

/** Everything decided before the run that is the same for every target. */
interface RunSetup {
  readonly config: LoadedConfig | undefined;
  readonly eventFile: { readonly file: string; readonly value: unknown } | undefined;
}

const moduleOf = (target: CheckTarget): string | undefined => (target.source.kind === 'file' ? undefined : target.source.module);

/** The input of a target, before producers have run (a consumer's pushed bodies come later). */
const firstInput = (setup: RunSetup, target: CheckTarget): TaskInput => {
  if (setup.eventFile !== undefined) return { kind: 'event-file', ...setup.eventFile };
  const entry = setup.config === undefined ? {} : moduleConfig(setup.config.config, moduleOf(target));
  if (entry.event !== undefined) return { kind: 'config' };
  const configured = entry.eventType;
  const s = target.source;
  if (configured !== undefined) return { kind: 'payloads', eventType: configured, moduleKey: moduleOf(target) };
  if (s.kind === 'trigger') return { kind: 'payloads', eventType: s.eventType, moduleKey: s.module };
  if (s.kind === 'consumer') return { kind: 'missing', moduleKey: s.module, queue: s.queue, configName: setup.config?.display ?? `${CONFIG_BASENAME}.json` };
  return { kind: 'default' };
};

const taskOf = (args: CliArgs, setup: RunSetup, target: CheckTarget): CheckTask => ({
  target,
  properties: applicableProperties(args, setup, target),
  options: cliOptions(args),
  displayFile: relative(args.cwd, target.file) || target.file,
  input: firstInput(setup, target),
  ...(setup.config === undefined ? {} : { config: { file: setup.config.file, appDir: args.cwd, module: moduleOf(target) } }),
});

/** A handler that did not load is its own error row; the others are still checked. */
const loadErrorOutcome = (task: CheckTask, problem: Problem): HandlerOutcome => ({
  kind: 'error',
  target: task.target,
  properties: task.properties,
  message: formatProblems([problem]),
});

/**
 * Feeds each consumer still without a body the bodies the app's producers pushed to its queue. Rounds
 * repeat while a round gives a consumer bodies, so a consumer that itself pushes feeds the next queue.
 */
const feedConsumers = async (tasks: CheckTask[]): Promise<void> => {
  const ran = new Set<number>();
  const pushed = new Map<string, { bodies: unknown[]; producers: Set<string> }>();
  for (let round = 0; round < tasks.length; round++) {
    let fed = false;
    for (const [i, task] of tasks.entries()) {
      if (ran.has(i) || task.input.kind === 'missing') continue;
      ran.add(i);
      const handler = await loadTask(task);
      if (typeof handler !== 'function') continue;
      for (const [queue, bodies] of await harvestPushes(handler, await taskOptions(task))) {
        const entry = pushed.get(queue) ?? { bodies: [], producers: new Set<string>() };
        for (const body of bodies) if (!entry.bodies.some((b) => JSON.stringify(b) === JSON.stringify(body))) entry.bodies.push(body);
        entry.producers.add(targetModule(task.target));
        pushed.set(queue, entry);
      }
    }
    for (const [i, task] of tasks.entries()) {
      const input = task.input;
      if (input.kind !== 'missing' || input.queue === undefined) continue;
      const entry = pushed.get(input.queue);
      if (entry === undefined || entry.bodies.length === 0) continue;
      tasks[i] = { ...task, input: { kind: 'pushed', queue: input.queue, bodies: entry.bodies, producers: [...entry.producers] } };
      fed = true;
    }
    if (!fed) break;
  }
};

const noWalkToSplit = (): CliUsageError =>
  new CliUsageError([
    {
      what: '--split-walks was given, but no handler walks exhaustively, so there is no walk to split',
      fix: 'add --exhaustive (or `exhaustive` in the config file for the modules to walk), or drop --split-walks',
    },
  ]);

const noPropertyApplies = (): CliUsageError =>
  new CliUsageError([
    {
      what: 'none of the selected properties applies to any handler found',
      fix: `${PROPERTIES.filter((p) => p.regimes.length === 1)
        .map((p) => `${p.id} judges ${p.regimes.join(', ')} handlers only`)
        .join('; ')}; check the --property / --skip ids`,
    },
  ]);

/** In this process: check each task in turn, printing as it goes; a handler that does not load is an error row. */
const checkHere = async (args: CliArgs, io: CliIo, tasks: readonly CheckTask[], progress: boolean): Promise<HandlerOutcome[]> => {
  const outcomes: HandlerOutcome[] = [];
  for (const task of tasks) {
    if (progress) io.stdout.write(`checking ${targetName(task.target)} (${targetDetail(task.target)})...`);
    const handler = await loadTask(task);
    const outcome = typeof handler === 'function' ? await checkLoaded(task, handler) : loadErrorOutcome(task, handler);
    outcomes.push(outcome);
    if (progress) io.stdout.write('\r\u001b[2K');
    if (!args.json) io.stdout.write(`${formatOutcome(outcome, progress)}\n`);
  }
  return outcomes;
};

/** In a pool of worker processes. Output waits for every task, so that it is in task order as in this process. */
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
  const outcomes = results.map((r, i) => (r.kind === 'outcome' ? r.outcome : loadErrorOutcome(tasks[i]!, r.problem)));
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
        settings: {
          seed: args.seed ?? null,
          numRuns: args.numRuns ?? null,
          properties: args.properties ?? null,
          skip: args.skip,
          exhaustive: args.exhaustive,
          strictAssumptions: args.strictAssumptions,
          ...(args.splitWalks ? { splitWalks: true as const } : {}),
        },
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

const readEventFile = (file: string | undefined): RunSetup['eventFile'] => {
  if (file === undefined) return undefined;
  try {
    return { file, value: JSON.parse(readFileSync(file, 'utf8')) as unknown };
  } catch (error) {
    throw new CliUsageError([{ what: `--event ${file}: ${thrownMessage(error)}`, fix: 'pass a file holding one JSON event (for consumers: the queue body)' }]);
  }
};

const readConfigFile = async (args: CliArgs, moduleKeys: readonly string[] | undefined): Promise<LoadedConfig | undefined> => {
  const file = findConfig(args.cwd, args.config);
  if (file === undefined) return undefined;
  if (typeof file !== 'string') throw new CliUsageError([file]);
  try {
    return await loadConfig(file, args.cwd, moduleKeys);
  } catch (error) {
    if (Array.isArray(error)) throw new CliUsageError(error as Problem[]);
    throw error;
  }
};

const run = async (args: CliArgs, io: CliIo): Promise<ExitCode> => {
  const unwritable = unwritableReports(args, io);
  if (unwritable.length > 0) throw new CliUsageError(unwritable);
  const fromManifest = args.files.length === 0;
  const found = fromManifest ? manifestTargets(args.cwd, readManifest(args.cwd)) : fileTargets(args);
  const preflight = forgeApiProblems(args.cwd);
  if (found.problems.length > 0 || preflight.length > 0) throw new CliUsageError([...preflight, ...found.problems]);
  const moduleKeys = fromManifest ? [...new Set(found.targets.map(targetModule))] : undefined;
  const setup: RunSetup = { config: await readConfigFile(args, moduleKeys), eventFile: readEventFile(args.event) };
  const all = found.targets.map((target) => taskOf(args, setup, target));
  // Judged on every handler, not on this shard's: a shard whose handlers all skip is not a usage error.
  if (all.every((t) => t.properties.length === 0)) throw noPropertyApplies();
  if (all.some((t) => t.input.kind === 'missing' && t.target.source.kind === 'consumer')) await feedConsumers(all);
  const walking = args.splitWalks ? await Promise.all(all.map(walksExhaustively)) : [];
  if (args.splitWalks && !walking.some(Boolean)) throw noWalkToSplit();
  const positions =
    args.shard === undefined ? all.map((_, k) => k) : args.splitWalks ? splitWalkPositions(args.shard, walking) : shardPositions(args.shard, all.length);
  const tasks = positions
    .map((k) => ({ ...all[k]!, ...(walking[k] === true && args.shard !== undefined ? { walkSlice: args.shard } : {}) }))
    .map((t) => ({ ...t, target: { ...t.target, input: inputSource(t.input) } }));

  const progress = io.stdout.isTTY === true && !args.json && (io.env['CI'] ?? '') === '';
  // One exhaustive walk is already work for every worker: its levels are played in chunks.
  const mode = workerMode(args.workers, args.exhaustive ? Number.POSITIVE_INFINITY : tasks.length);
  const outcomes = mode.kind === 'pool' ? await checkInPool(args, io, tasks, mode, progress) : await checkHere(args, io, tasks, progress);

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
  if ((t.failed > 0 || (args.strict && t.inconclusive > 0)) && !args.noFail) return EXIT.findings;
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
      // `--json` always prints JSON, so a pipeline reading stdout sees why nothing was checked.
      if (argv[0] !== 'merge' && argv.includes('--json')) io.stdout.write(formatJsonProblems(error.problems));
      return EXIT.usage;
    }
    throw error;
  }
};
