/**
 * The CLI's main function: parse the command line, find the handlers (manifest or file#export), load
 * them, check each under its module's delivery rules, and print the results. Returns the exit code
 * instead of exiting, so tests call it directly.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { checkRetrySemantics } from '../api/check.js';
import type { CheckOptions, ForgeHandler } from '../api/types.js';
import { thrownMessage } from '../../models/render-value.js';
import { PROPERTIES, type PropertyId } from '../../properties/catalog.js';
import { parseCliArgs, HELP, type CliArgs } from './args.js';
import { CliUsageError, EXIT, formatProblems, type ExitCode, type Problem } from './errors.js';
import { formatJson } from './format-json.js';
import { formatJunit } from './format-junit.js';
import { formatOutcome, formatSummary } from './format-text.js';
import { fileTargets } from './file-targets.js';
import { loadHandler } from './handler-file.js';
import { manifestTargets, readManifest } from './manifest.js';
import { tally, type HandlerOutcome } from './handler-outcome.js';
import { targetDetail, targetName, type CheckTarget } from './target.js';
import { packageVersion } from './version.js';

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
});

const checkTarget = async (args: CliArgs, target: CheckTarget, handler: ForgeHandler, properties: readonly PropertyId[]): Promise<HandlerOutcome> => {
  if (properties.length === 0) {
    return { kind: 'skipped', target, reason: `none of the selected properties applies to ${target.options.trigger ?? 'product-event'} handlers` };
  }
  const started = performance.now();
  try {
    const result = await checkRetrySemantics(handler, checkOptions(args, target));
    return { kind: 'checked', target, properties, result, milliseconds: performance.now() - started };
  } catch (error) {
    return { kind: 'error', target, properties, message: thrownMessage(error) };
  }
};

const loadAll = async (targets: readonly CheckTarget[], cwd: string): Promise<{ loaded: [CheckTarget, ForgeHandler][]; problems: Problem[] }> => {
  const loaded: [CheckTarget, ForgeHandler][] = [];
  const problems: Problem[] = [];
  for (const target of targets) {
    const display = relative(cwd, target.file) || target.file;
    const handler = await loadHandler(target.file, target.exportName, display);
    if (typeof handler === 'function') loaded.push([target, handler]);
    else problems.push(handler);
  }
  return { loaded, problems };
};

const run = async (args: CliArgs, io: CliIo): Promise<ExitCode> => {
  const found = args.files.length > 0 ? fileTargets(args) : manifestTargets(args.cwd, readManifest(args.cwd));
  const { loaded, problems } = await loadAll(found.targets, args.cwd);
  if (found.problems.length > 0 || problems.length > 0) throw new CliUsageError([...found.problems, ...problems]);

  const plan = loaded.map(([target, handler]) => ({ target, handler, properties: applicableProperties(args, target) }));
  if (plan.every((p) => p.properties.length === 0)) {
    throw new CliUsageError([{
      what: 'none of the selected properties applies to any handler found',
      fix: `${PROPERTIES.filter((p) => p.regimes.length === 1).map((p) => `${p.id} judges ${p.regimes.join(', ')} handlers only`).join('; ')}; check the --property / --skip ids`,
    }]);
  }

  const progress = io.stdout.isTTY === true && !args.json && (io.env['CI'] ?? '') === '';
  const outcomes: HandlerOutcome[] = [];
  for (const { target, handler, properties } of plan) {
    if (progress) io.stdout.write(`checking ${targetName(target)} (${targetDetail(target)})...`);
    const outcome = await checkTarget(args, target, handler, properties);
    outcomes.push(outcome);
    if (progress) io.stdout.write('\r\u001b[2K');
    if (!args.json) io.stdout.write(`${formatOutcome(outcome, progress)}\n`);
  }
  const t = tally(outcomes);
  if (args.json) io.stdout.write(formatJson(outcomes));
  else io.stdout.write(`\n${formatSummary(outcomes)}\n`);
  if (args.junit !== undefined) {
    try {
      writeFileSync(args.junit, formatJunit(outcomes));
    } catch (error) {
      throw new CliUsageError([{ what: `cannot write the JUnit file ${args.junit}: ${thrownMessage(error)}`, fix: 'pass a path in a folder that exists and is writable' }]);
    }
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
