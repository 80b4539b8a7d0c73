/**
 * Child processes and threads: a `node -e "fetch(...)"` child or a Worker has its own, unsealed
 * network and real clock. Every `child_process` entry is refused by name (the sync ones have no
 * shared path underneath that JavaScript can reach); `ChildProcess.prototype.spawn`, which every
 * asynchronous one ends in, also catches references captured before the check. `new Worker` of
 * `node:worker_threads` is refused too.
 */
import childProcess from 'node:child_process';
import workerThreads from 'node:worker_threads';
import { swapProperty, type Restore } from '../swap.js';
import { brief, refuseInInvocation, withTarget } from './refusal.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

const ENTRIES = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

const commandOf = (args: readonly unknown[]): string | undefined => {
  const [file, rest] = args;
  if (typeof file !== 'string' && !(file instanceof URL)) return undefined;
  const list = Array.isArray(rest) ? rest.filter((a): a is string => typeof a === 'string') : [];
  return brief([brief(file), ...list].join(' '));
};

/**
 * Seals `node:child_process` and `node:worker_threads`; returns how to put them back.
 *
 * @example
 * const restore = sealProcesses();
 */
export const sealProcesses = (): Restore[] => {
  const restores: Restore[] = [];
  const module = childProcess as unknown as Record<(typeof ENTRIES)[number], Fn>;
  for (const fn of ENTRIES) {
    const original = module[fn];
    restores.push(
      swapProperty(module, fn, function sealed(this: unknown, ...args: unknown[]) {
        refuseInInvocation(() => withTarget({ surface: 'node:child_process', call: `node:child_process.${fn}`, escape: 'process' }, commandOf(args)));
        return original.apply(this, args);
      }),
    );
  }
  const proto = childProcess.ChildProcess.prototype as unknown as { spawn: Fn };
  const spawn = proto.spawn;
  restores.push(
    swapProperty(proto, 'spawn', function sealedSpawn(this: unknown, ...args: unknown[]) {
      const options = args[0] as { file?: unknown; args?: unknown } | undefined;
      refuseInInvocation(() =>
        withTarget({ surface: 'node:child_process', call: 'ChildProcess.prototype.spawn', escape: 'process' }, commandOf([options?.file, options?.args])),
      );
      return spawn.apply(this, args);
    }),
  );
  restores.push(
    swapProperty(
      workerThreads,
      'Worker',
      new Proxy(workerThreads.Worker, {
        construct(target, args: unknown[], newTarget) {
          refuseInInvocation(() =>
            withTarget(
              { surface: 'node:worker_threads', call: 'new node:worker_threads.Worker', escape: 'process' },
              typeof args[0] === 'string' || args[0] instanceof URL ? brief(args[0]) : undefined,
            ),
          );
          return Reflect.construct(target, args, newTarget) as object;
        },
      }),
    ),
  );
  return restores;
};
