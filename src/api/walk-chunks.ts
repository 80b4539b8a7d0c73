/**
 * The exhaustive walk of one handler spread over processes (the CLI's `--workers`): the process that
 * reports the handler walks it level by level, and hands the schedules of each level out in chunks
 * that other processes play with {@link playWalkChunkOf}. Internal to the CLI: not exported by the
 * package, whose one-line API keeps a check in one process.
 */
import { withHarnessLock } from '../runtime/lock.js';
import { playWalkChunk, runExhaustiveCheckWith, type LevelPlayer, type WalkedSchedule } from '../runner/exhaustive.js';
import type { SmallScopeStep } from '../runner/small-scope-steps.js';
import { walkPart, type WalkPart, type WalkSlice } from '../runner/walk-part.js';
import { resolveOptions } from './options.js';
import type { CheckOptions, CheckResult, ForgeHandler } from './types.js';

export { walkedFails, type LevelPlayer, type WalkedSchedule } from '../runner/exhaustive.js';
export { joinWalkParts, partsProblem, type JoinablePart, type WalkPart, type WalkPartRecord, type WalkSlice } from '../runner/walk-part.js';

/**
 * Checks `handler` as {@link checkRetrySemantics} does, with each level of an exhaustive walk played
 * by `playLevel`; undefined when `options` do not ask for an exhaustive walk (the caller checks it
 * the ordinary way). Rejects with `HarnessUsageError` for bad input, as the ordinary check does.
 *
 * @example
 * const result = (await checkWalkingWith(run, { exhaustive: true }, player)) ?? (await checkRetrySemantics(run));
 */
export const checkWalkingWith = async (handler: ForgeHandler, options: CheckOptions, playLevel: LevelPlayer): Promise<CheckResult | undefined> => {
  const resolved = resolveOptions(handler, options);
  const mode = resolved.options.mode;
  if (mode.kind !== 'exhaustive') return undefined;
  return withHarnessLock(() => runExhaustiveCheckWith(resolved.handler, resolved.options, mode.depth, playLevel));
};

/**
 * Plays one chunk of a level of `handler`'s exhaustive walk under `options` (those of the walk): what
 * a worker process does with a chunk it receives. `previous` is the schedule the walk plays just
 * before the chunk's first, played first for its after-effects only.
 *
 * @example
 * const played = await playWalkChunkOf(run, { exhaustive: true }, [['rate-limited'], ['server-error']]);
 */
export const playWalkChunkOf = async (
  handler: ForgeHandler,
  options: CheckOptions,
  chunk: readonly (readonly SmallScopeStep[])[],
  previous?: readonly SmallScopeStep[],
): Promise<WalkedSchedule[]> => {
  const resolved = resolveOptions(handler, options);
  return withHarnessLock(() => playWalkChunk(resolved.handler, resolved.options, chunk, previous));
};

/**
 * Walks one job's part of `handler`'s exhaustive walk (`--shard i/n --split-walks`): the levels above
 * the deepest whole and `slice` of the deepest; undefined when `options` do not ask for an exhaustive
 * walk. Rejects with `HarnessUsageError` for bad input, as the ordinary check does.
 *
 * @example
 * const part = await checkWalkPart(run, { exhaustive: true }, { index: 1, count: 2 });
 */
export const checkWalkPart = async (handler: ForgeHandler, options: CheckOptions, slice: WalkSlice): Promise<WalkPart | undefined> => {
  const resolved = resolveOptions(handler, options);
  const mode = resolved.options.mode;
  if (mode.kind !== 'exhaustive') return undefined;
  return withHarnessLock(() => walkPart(resolved.handler, resolved.options, mode.depth, slice));
};
