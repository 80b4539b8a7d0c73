/**
 * Cold starts need the handler's module, not only its function: a fresh instance is the module evaluated
 * anew, its module-level variables (a dedup `Set`, an "initialized" flag, a cache) empty again. A
 * `HandlerModule` loads one on demand, from a file (through ./module-import.ts, as the CLI loads handlers)
 * or from the user's own loader. The driver loads an instance inside the invocation that first needs it,
 * as Forge initialises a fresh process before calling the handler: the module's top-level code then runs
 * under the seal, the virtual clock and the seeded randomness like the handler's own, and timers it sets
 * die with the invocation. Those timers are the instance's (a cache refresh, a metrics flush), not work
 * the handler left running, so they are noted apart (`Invocation.moduleTimers`).
 */
import { describeInput, thrownMessage } from '../../models/render-value.js';
import type { Problem } from '../messages/format.js';
import type { ForgeHandler } from './handler-call.js';
import { invocationStorage } from './invocation.js';
import { importModule, pickExport } from './module-import.js';
import type { VirtualClock } from './routed-clock.js';

/**
 * How a replay names the handler's module: the file and export to load again (as the CLI names the file),
 * or the user's own loader (a function, kept so that spreading a replay into options replays it, and the
 * replay line writes `{ load }`). `HandlerModule.replayAs`, `Replay.module` and the JSON report's replay
 * (file only) are all this one type.
 */
export type ReplayModule = { readonly file: string; readonly export: string } | { readonly load: () => unknown; readonly export: string };

/** What loads fresh instances of the handler's module. */
export interface HandlerModule {
  /** Evaluates the module anew and returns that instance's handler export, or why it cannot. */
  readonly loadFresh: () => Promise<ForgeHandler | Problem>;
  /** How a replay names it. */
  readonly replayAs: ReplayModule;
}

/**
 * Fresh instances of a file's module, loaded as the CLI loads handler files (TypeScript, JSX, ESM or
 * CommonJS, no build step).
 *
 * @example
 * const module = fileModule('/app/src/index.ts', 'run', 'src/index.ts');
 */
export const fileModule = (file: string, exportName: string, displayFile: string): HandlerModule => ({
  loadFresh: async () => {
    const imported = await importModule(file, displayFile, { fresh: true });
    return 'problem' in imported ? imported.problem : pickExport(imported.module, exportName, displayFile);
  },
  replayAs: { file: displayFile, export: exportName },
});

/**
 * Fresh instances from the user's loader. A loader that hands back an instance it returned before (a plain
 * `import()` of a cached module) cannot simulate a cold start, and would make every cold delivery warm in
 * silence: it is a problem, named as such.
 *
 * @example
 * const module = loaderModule(() => import(`../src/index.ts?instance=${n++}`), 'run');
 */
export const loaderModule = (load: () => unknown, exportName: string): HandlerModule => {
  const seen = new WeakSet<object>();
  const display = 'the module `load()` returned';
  return {
    loadFresh: async () => {
      let mod: unknown;
      try {
        mod = await load();
      } catch (error) {
        return {
          what: `option "module": load() threw: ${thrownMessage(error).split('\n')[0]}`,
          fix: 'make load() import the handler module; run it on its own to see the full error',
        };
      }
      if (typeof mod !== 'object' || mod === null) {
        return {
          what: `option "module": load() gave ${describeInput(mod)}, not a module`,
          fix: 'return the imported module, e.g. load: () => import(`../src/index`)',
        };
      }
      if (seen.has(mod)) {
        return {
          what: 'option "module": load() returned the same module instance twice, so no delivery could come to a fresh one',
          fix: 'give `module: { file }` (the harness loads fresh instances itself), or make load() evaluate the module anew (under Vitest: call vi.resetModules() in load() before the import)',
        };
      }
      seen.add(mod);
      return pickExport(mod, exportName, display);
    },
    replayAs: { load, export: exportName },
  };
};

/** The ids of the clock's pending timers (fake-timers keeps them in the Map `clock.timers`, created with the first). */
const pendingTimerIds = (clock: VirtualClock): string[] => {
  const timers = (clock as unknown as { timers?: Map<unknown, unknown> }).timers;
  return timers instanceof Map ? [...timers.keys()].map(String) : [];
};

/**
 * Loads a fresh instance from inside the current invocation and notes the timers its top-level code set,
 * so that they are not taken for work the handler left running.
 *
 * @example
 * const handler = await loadInInvocation(module, session.clock);
 */
export const loadInInvocation = async (module: HandlerModule, clock: VirtualClock): Promise<ForgeHandler | Problem> => {
  const before = new Set(pendingTimerIds(clock));
  const inv = invocationStorage.getStore();
  // A file loads synchronously within this call; a user's loader may go on asynchronously, and what it
  // waits for then is real work like any other.
  if (inv !== undefined) inv.loadingModule = true;
  let loading: Promise<ForgeHandler | Problem>;
  try {
    loading = module.loadFresh();
  } finally {
    if (inv !== undefined) inv.loadingModule = false;
  }
  const loaded = await loading;
  if (inv !== undefined) for (const id of pendingTimerIds(clock)) if (!before.has(id)) inv.moduleTimers.add(id);
  return loaded;
};

/**
 * How many of the timers the invocation's module load set are still pending.
 *
 * @example
 * const handlerTimers = clock.countTimers() - 1 - pendingModuleTimers(inv.moduleTimers, clock);
 */
export const pendingModuleTimers = (ids: ReadonlySet<string>, clock: VirtualClock): number => {
  if (ids.size === 0) return 0;
  return pendingTimerIds(clock).filter((id) => ids.has(id)).length;
};
