/**
 * `--shard i/n`: a fixed split of the handlers over the jobs of a CI matrix. Handler k (0-based, in
 * the order the unsharded run reports them: manifest triggers, then consumers, or the file arguments)
 * goes to shard (k mod n) + 1. Round robin rather than blocks, so that one module's handlers, which
 * often cost alike, are spread over the jobs. The split depends only on the handler list, never on
 * timing, so every job computes the same slices and `merge` can put the handlers back in order.
 *
 * A handler's exhaustive walk is not split: it runs whole in the handler's shard. Splitting it exactly
 * (merge equal to the unsharded bytes) needs what a job cannot know without playing the other jobs'
 * schedules: which schedules of a level are extended depends on fingerprints of every schedule before
 * them in the level (the walk's `explored` set is shared across first steps, not per subtree); a
 * schedule's run depends on the run before it in walk order (late work, see `playWalkChunk`), which
 * at a slice boundary is another job's; and a failure's report names the global run count.
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
