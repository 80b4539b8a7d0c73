/**
 * `--workers N`: where the checks run. A check is serial within one process (the harness patches
 * process-wide globals under a lock), so parallel checks need processes: a tinypool pool of child
 * processes, each loading the handler file itself and running `runCheckTask`. Results come back in task
 * order, whatever order the workers finish in, so the output is the output of `--workers 1`.
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
import type { CheckTask, TaskResult } from './check-task.js';

/** Where the checks run. */
export type WorkerMode =
  | { readonly kind: 'in-process' }
  | { readonly kind: 'pool'; readonly size: number; readonly filename: string; readonly execArgv: readonly string[] };

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
 * Runs every task in a pool of `mode.size` processes and returns their results in task order.
 * `onDone` is told each time a task finishes (for the TTY progress line). A worker that dies (a
 * handler calling process.exit, say) makes that task an `error` outcome; the others go on.
 */
export const runInPool = async (
  tasks: readonly CheckTask[],
  mode: Extract<WorkerMode, { kind: 'pool' }>,
  onDone: (finished: number) => void = () => {},
): Promise<TaskResult[]> => {
  const { default: Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: mode.filename,
    runtime: 'child_process',
    minThreads: mode.size,
    maxThreads: mode.size,
    execArgv: [...mode.execArgv],
    env: childEnv(),
    serialization: 'advanced',
  });
  let finished = 0;
  try {
    return await Promise.all(
      tasks.map(async (task): Promise<TaskResult> => {
        let result: TaskResult;
        try {
          result = (await pool.run(task)) as TaskResult;
        } catch (error) {
          const message = `the worker process checking it failed (${error instanceof Error ? error.message : String(error)}): a handler that exits or crashes its process cannot be checked`;
          result = { kind: 'outcome', outcome: { kind: 'error', target: task.target, properties: task.properties, message } };
        }
        onDone(++finished);
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
};
