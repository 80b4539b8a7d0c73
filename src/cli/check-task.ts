/**
 * One unit of the CLI's work: load one handler and check it. The same function runs in this process
 * (`--workers 1`) and in a worker process, so both give the same outcome; its input and output are
 * plain data, so they cross the process boundary unchanged.
 */
import { checkRetrySemantics } from '../api/check.js';
import type { CheckOptions, ForgeHandler } from '../api/types.js';
import type { PropertyId } from '../../properties/catalog.js';
import { loadConfig, moduleConfig, splitModuleConfig, type LoadedConfig } from './config-file.js';
import { formatProblems, type Problem } from './errors.js';
import { loadHandler } from './handler-file.js';
import { outcomeResult, type HandlerOutcome } from './handler-outcome.js';
import type { CheckTarget } from './target.js';
import { eventOption, missingBodyProblem, type TaskInput } from './task-input.js';

/** One handler to check. */
export interface CheckTask {
  readonly target: CheckTarget;
  /** The properties that apply to it; none means it is reported as skipped (after it loaded). */
  readonly properties: readonly PropertyId[];
  /** The command line's options (seed, runs, selection, mode, replay path): they win over the config file's. */
  readonly options: CheckOptions;
  /** The handler file as messages name it (relative to the app folder). */
  readonly displayFile: string;
  /** What the handler receives. */
  readonly input: TaskInput;
  /** The config file (already validated) and the module whose entry applies; each process reads it itself. */
  readonly config?: { readonly file: string; readonly appDir: string; readonly module: string | undefined };
}

/** What a task came to: an outcome, or the problem that kept the handler from loading. */
export type TaskResult = { readonly kind: 'outcome'; readonly outcome: HandlerOutcome } | { readonly kind: 'load-problem'; readonly problem: Problem };

const configs = new Map<string, Promise<LoadedConfig>>();

/**
 * A task's options: the module's (manifest), then the config file's entry, then the command line's,
 * then the event its input decides.
 */
export const taskOptions = async (task: CheckTask): Promise<CheckOptions> => {
  let fromConfig: CheckOptions = {};
  if (task.config !== undefined) {
    const { file, appDir, module } = task.config;
    if (!configs.has(file)) configs.set(file, loadConfig(file, appDir, undefined));
    fromConfig = splitModuleConfig(moduleConfig((await configs.get(file)!).config, module)).options;
  }
  return { ...task.target.options, ...fromConfig, ...task.options, ...eventOption(task.input) };
};

/** Checks a loaded handler. Never rejects: a harness usage error becomes an `error` outcome. */
export const checkLoaded = async (task: CheckTask, handler: ForgeHandler): Promise<HandlerOutcome> => {
  const { target, properties } = task;
  if (properties.length === 0) {
    return { kind: 'skipped', target, reason: `none of the selected properties applies to ${target.options.trigger ?? 'product-event'} handlers` };
  }
  if (task.input.kind === 'missing') return { kind: 'error', target, properties, message: formatProblems([missingBodyProblem(task.input)]) };
  const started = performance.now();
  try {
    // The CLI knows the file, so every check simulates cold starts: fresh module instances per run.
    const module = target.exportName !== undefined ? { module: { file: target.file, export: target.exportName } } : {};
    const result = await checkRetrySemantics(handler, { ...(await taskOptions(task)), ...module });
    return { kind: 'checked', target, properties, result: outcomeResult(result), milliseconds: performance.now() - started };
  } catch (error) {
    return { kind: 'error', target, properties, message: error instanceof Error ? error.message : String(error) };
  }
};

/** Loads the task's handler. */
export const loadTask = (task: CheckTask): Promise<ForgeHandler | Problem> => loadHandler(task.target.file, task.target.exportName, task.displayFile);

/**
 * Loads the task's handler and checks it: what a worker does with each task it receives.
 *
 * @example
 * const result = await runCheckTask(task);
 * if (result.kind === 'outcome') console.log(result.outcome.kind);
 */
export const runCheckTask = async (task: CheckTask): Promise<TaskResult> => {
  const handler = await loadTask(task);
  if (typeof handler !== 'function') return { kind: 'load-problem', problem: handler };
  return { kind: 'outcome', outcome: await checkLoaded(task, handler) };
};
