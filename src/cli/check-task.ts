/**
 * One unit of the CLI's work: load one handler and check it. The same function runs in this process
 * (`--workers 1`) and in a worker process, so both give the same outcome; its input and output are
 * plain data, so they cross the process boundary unchanged.
 */
import { checkRetrySemantics } from '../api/check.js';
import { checkWalkingWith, checkWalkPart, playWalkChunkOf, type LevelPlayer, type WalkedSchedule, type WalkSlice } from '../api/walk-chunks.js';
import type { SmallScopeStep } from '../runner/small-scope-steps.js';
import type { CheckOptions, ForgeHandler } from '../api/types.js';
import type { PropertyId } from '../../properties/catalog.js';
import { loadConfig, moduleConfig, type LoadedConfig } from './config-file.js';
import { formatProblems, type Problem } from './errors.js';
import { loadHandler } from './handler-file.js';
import { outcomeFailure, outcomeResult, type HandlerOutcome } from './handler-outcome.js';
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
  /** `--split-walks`: the slice of the handler's exhaustive walk this job plays, when it walks. */
  readonly walkSlice?: WalkSlice;
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
    fromConfig = moduleConfig((await configs.get(file)!).config, module);
  }
  return { ...task.target.options, ...fromConfig, ...task.options, ...eventOption(task.input) };
};

/**
 * The options a task's handler is checked with: {@link taskOptions}, and its file, since the CLI knows
 * it, so that every check simulates cold starts (fresh module instances per run).
 */
const checkOptions = async (task: CheckTask): Promise<CheckOptions> => {
  const { target } = task;
  const module = target.exportName !== undefined ? { module: { file: target.file, export: target.exportName } } : {};
  return { ...(await taskOptions(task)), ...module };
};

/** Whether the task's options ask for the exhaustive walk (which the CLI can spread over its workers). */
export const walksExhaustively = async (task: CheckTask): Promise<boolean> => {
  if (task.properties.length === 0 || task.input.kind === 'missing') return false;
  try {
    const { exhaustive } = await taskOptions(task);
    return exhaustive !== undefined && exhaustive !== false;
  } catch {
    // Bad options are reported by the check itself, wherever it runs.
    return false;
  }
};

/**
 * Checks a loaded handler. Never rejects: a harness usage error becomes an `error` outcome. With
 * `playLevel`, an exhaustive walk has each level's schedules played by it (in worker processes).
 */
export const checkLoaded = async (task: CheckTask, handler: ForgeHandler, playLevel?: LevelPlayer): Promise<HandlerOutcome> => {
  const { target, properties } = task;
  if (properties.length === 0) {
    return { kind: 'skipped', target, reason: `none of the selected properties applies to ${target.options.trigger ?? 'product-event'} handlers` };
  }
  if (task.input.kind === 'missing') return { kind: 'error', target, properties, message: formatProblems([missingBodyProblem(task.input)]) };
  const started = performance.now();
  try {
    const options = await checkOptions(task);
    const part = task.walkSlice === undefined ? undefined : await checkWalkPart(handler, options, task.walkSlice);
    if (part !== undefined) {
      const { record, findings } = part;
      return {
        kind: 'checked',
        target,
        properties,
        // This job's runs alone: its text says so, and `merge` joins the parts into the walk's verdict.
        result: outcomeResult(part.result),
        milliseconds: performance.now() - started,
        walkPart: { record, findings: { walk: findings.walk.map(outcomeFailure), events: findings.events.map(outcomeFailure) } },
      };
    }
    const result = (playLevel === undefined ? undefined : await checkWalkingWith(handler, options, playLevel)) ?? (await checkRetrySemantics(handler, options));
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

/** A chunk of one level of a task's exhaustive walk, for a worker process to play. */
export interface WalkChunkJob {
  readonly kind: 'walk-chunk';
  readonly task: CheckTask;
  readonly chunk: readonly (readonly SmallScopeStep[])[];
  /** The schedule the walk plays just before the chunk's first. */
  readonly previous: readonly SmallScopeStep[] | undefined;
}

/**
 * Loads the job's handler (once per process: the module stays loaded) and plays its chunk.
 *
 * @throws Error when the handler does not load here (it loaded where the walk runs, so this is rare).
 */
export const runWalkChunk = async (job: WalkChunkJob): Promise<WalkedSchedule[]> => {
  const handler = await loadTask(job.task);
  if (typeof handler !== 'function') throw new Error(formatProblems([handler]));
  return playWalkChunkOf(handler, await checkOptions(job.task), job.chunk, job.previous);
};
