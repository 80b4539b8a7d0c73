/**
 * `--shard i/n`: a fixed split of the handlers over the jobs of a CI matrix. Handler k (0-based, in
 * the order the unsharded run reports them: manifest triggers, then consumers, or the file arguments)
 * goes to shard (k mod n) + 1. Round robin rather than blocks, so that one module's handlers, which
 * often cost alike, are spread over the jobs. The split depends only on the handler list, never on
 * timing, so every job computes the same slices and `merge` can put the handlers back in order.
 *
 * A handler's exhaustive walk runs whole in the handler's shard, unless `--split-walks` is given:
 * then every shard checks every handler that walks, playing its slice of the walk's deepest level
 * (src/runner/walk-part.ts says why only that level can be split exactly), and the handlers that
 * sample are split round robin among themselves as before.
 */
import { usage } from './errors.js';

/** One slice of the work: the `index`-th (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 <= i <= n). @throws CliUsageError naming `--shard` */
export const parseShard = (raw: string): Shard => {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    usage(`--shard is ${JSON.stringify(raw)}`, 'pass I/N with 1 <= I <= N, e.g. --shard 1/4 for the first of four CI jobs');
  }
  return { index, count };
};

/** The positions (0-based, ascending) of the `total` handlers that `shard` checks. */
export const shardPositions = (shard: Shard, total: number): number[] =>
  Array.from({ length: total }, (_, k) => k).filter((k) => k % shard.count === shard.index - 1);

/**
 * The positions of the handlers that `shard` checks under `--split-walks`, given which of them walk
 * exhaustively: every walking handler (each shard plays its slice of the walk), and a round-robin
 * share of the others, counted among themselves so that they stay balanced.
 *
 * @example
 * splitWalkPositions({ index: 2, count: 2 }, [true, false, false, true]) // [0, 2, 3]
 */
export const splitWalkPositions = (shard: Shard, walking: readonly boolean[]): number[] => {
  const sampled = walking.flatMap((w, k) => (w ? [] : [k]));
  const mine = new Set(shardPositions(shard, sampled.length).map((i) => sampled[i]!));
  return walking.flatMap((w, k) => (w || mine.has(k) ? [k] : []));
};
