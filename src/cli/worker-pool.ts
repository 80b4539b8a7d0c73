/**
 * The worker processes of `--workers`, apart from what they run (workers.ts): where they come from,
 * and starting them early. This module is light on purpose (tinypool is imported when a pool
 * starts): the CLI's entry starts the pool with it before loading the harness, so that the workers
 * load theirs while this process loads its own, instead of after it.
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
import type Tinypool from 'tinypool';

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
 * never larger than the number of tasks (pass Infinity when one task is work for many: an
 * exhaustive walk), and one worker is this process.
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

/** A started pool and how many worker processes it has. */
interface StartedPool {
  readonly workers: number;
  readonly filename: string;
  readonly pool: Promise<Tinypool>;
}

/**
 * The early pool lives on `globalThis`: the entry (dist/cli.js) and the harness it loads
 * (dist/cli-main.js) are separate bundles, each with its own copy of this module.
 */
const STARTED = Symbol.for('forge-retry-harness.cli.prestarted-pool');
const slot = globalThis as unknown as Record<symbol, StartedPool | undefined>;

const newPool = async (mode: Extract<WorkerMode, { kind: 'pool' }>, workers: number): Promise<Tinypool> => {
  const { default: Pool } = await import('tinypool');
  return new Pool({
    filename: mode.filename,
    runtime: 'child_process',
    minThreads: workers,
    maxThreads: workers,
    execArgv: [...mode.execArgv],
    env: childEnv(),
    serialization: 'advanced',
  });
};

/**
 * Starts the worker processes the command line asks for, before anything else is loaded: a guess
 * from `argv` (`--workers N`, or the default), which `takePool` uses when it fits. Nothing starts for
 * `merge`, `--help`, `--version`, or one worker; a wrong `--workers` is left to the argument parser.
 * A pool started for a run that ends up needing none is ended with the process.
 *
 * @example
 * prestartPool(process.argv.slice(2));
 */
export const prestartPool = (argv: readonly string[]): void => {
  if (argv[0] === 'merge' || argv.some((a) => a === '--help' || a === '-h' || a === '--version')) return;
  const at = argv.findIndex((a) => a === '--workers' || a.startsWith('--workers='));
  const raw = at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.slice('--workers='.length) : argv[at + 1];
  const requested = raw === undefined ? undefined : Number(raw);
  if (requested !== undefined && !(Number.isSafeInteger(requested) && requested >= 1)) return;
  const mode = workerMode(requested, Number.POSITIVE_INFINITY);
  if (mode.kind !== 'pool') return;
  slot[STARTED] = { workers: mode.size - 1, filename: mode.filename, pool: newPool(mode, mode.size - 1) };
};

/**
 * A pool of `mode.size - 1` workers: the one started early when it has at least as many (its extra
 * workers stay idle), otherwise a new one. The caller destroys it.
 */
export const takePool = (mode: Extract<WorkerMode, { kind: 'pool' }>): Promise<Tinypool> => {
  const early = slot[STARTED];
  slot[STARTED] = undefined;
  if (early !== undefined && early.workers >= mode.size - 1 && early.filename === mode.filename) return early.pool;
  if (early !== undefined) void early.pool.then((p) => p.destroy());
  return newPool(mode, mode.size - 1);
};
