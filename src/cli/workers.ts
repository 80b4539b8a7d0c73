/**
 * `--workers N`: where the checks run. A check is serial within one process (the harness patches
 * process-wide globals under a lock), so parallel checks need processes: this process and a tinypool
 * pool of N-1 child processes, each loading the handler file itself and running `runCheckTask`. This
 * process takes part because it has the harness loaded already, while a new worker spends about half
 * a second starting. Each takes the next task when it is free; results are kept in task order,
 * whatever order they finish in, so the output is the output of `--workers 1`.
 *
 * Installed, the CLI runs from dist/ and the worker is dist/cli-worker.js. From the TypeScript sources
 * (`tsx src/cli/main.ts`, `npm run demo`, the tests) the worker is src/cli/cli-worker.ts, loaded with
 * tsx's loader passed in execArgv; there the default is 1 (in this process), because compiling the
 * harness again in every worker costs more than the example app's checks, and an explicit `--workers`
 * still gets a pool. Without tsx the sources fall back to checking in this process.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCheckTask, type CheckTask, type TaskResult } from './check-task.js';

/** Where the checks run; `size` counts this process. */
export type WorkerMode =
  { readonly kind: 'in-process' } | { readonly kind: 'pool'; readonly size: number; readonly filename: string; readonly execArgv: readonly string[] };

const here = fileURLToPath(import.meta.url);
/** `.ts` from the sources, `.js` from dist/. */
const ownExtension = extname(here);

const tsxLoader = (): string | undefined => {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    return undefined;
  }
};

/**
 * Decides where `tasks` checks run for `--workers requested` (undefined: the default). A pool is
 * never larger than the number of tasks, and one worker is this process.
 *
 * @example
 * workerMode(4, 6) // { kind: 'pool', size: 4, ... } when installed
 */
export const workerMode = (requested: number | undefined, tasks: number, cpus: number = availableParallelism()): WorkerMode => {
  const fromSource = ownExtension === '.ts';
  const size = Math.min(requested ?? (fromSource ? 1 : cpus), tasks);
  if (size <= 1) return { kind: 'in-process' };
  const filename = pathToFileURL(fileURLToPath(new URL(`./cli-worker${ownExtension}`, import.meta.url))).href;
  if (!fromSource) return { kind: 'pool', size, filename, execArgv: [] };
  const loader = tsxLoader();
  return loader === undefined ? { kind: 'in-process' } : { kind: 'pool', size, filename, execArgv: ['--import', loader] };
};

const childEnv = (): Record<string, string> =>
  Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));

/**
 * Runs every task in this process and a pool of `mode.size - 1` worker processes and returns their
 * results in task order. `onDone` is told each time a task finishes (for the TTY progress line). A
 * worker that dies (a handler calling process.exit, say) makes its task an `error` outcome; the others go on.
 */
export const runInPool = async (
  tasks: readonly CheckTask[],
  mode: Extract<WorkerMode, { kind: 'pool' }>,
  onDone: (finished: number) => void = () => {},
): Promise<TaskResult[]> => {
  const { default: Tinypool } = await import('tinypool');
  const workers = mode.size - 1;
  const pool = new Tinypool({
    filename: mode.filename,
    runtime: 'child_process',
    minThreads: workers,
    maxThreads: workers,
    execArgv: [...mode.execArgv],
    env: childEnv(),
    serialization: 'advanced',
  });
  const inWorker = async (task: CheckTask): Promise<TaskResult> => {
    try {
      return (await pool.run(task)) as TaskResult;
    } catch (error) {
      const message = `the worker process checking it failed (${error instanceof Error ? error.message : String(error)}): a handler that exits or crashes its process cannot be checked`;
      return { kind: 'outcome', outcome: { kind: 'error', target: task.target, properties: task.properties, message } };
    }
  };
  const results: TaskResult[] = [];
  let next = 0;
  let finished = 0;
  // One lane per process; each takes the next task in order when it is free. This process's lane
  // starts first: it can begin at once, while the workers are still starting.
  const lane = async (check: (task: CheckTask) => Promise<TaskResult>): Promise<void> => {
    for (let i = next++; i < tasks.length; i = next++) {
      results[i] = await check(tasks[i]!);
      onDone(++finished);
    }
  };
  try {
    await Promise.all([lane(runCheckTask), ...Array.from({ length: workers }, () => lane(inWorker))]);
    return results;
  } finally {
    await pool.destroy();
  }
};
