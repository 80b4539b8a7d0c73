/**
 * `--workers N`: where the checks run. A check is serial within one process (the harness patches
 * process-wide globals under a lock), so parallel checks need processes: this process and a tinypool
 * pool of N-1 child processes (worker-pool.ts), each loading the handler file itself and running
 * `runCheckTask`. This process takes part because it has the harness loaded already. Each takes the
 * next task when it is free; results are kept in task order, whatever order they finish in, so the
 * output is the output of `--workers 1`.
 */
import { walkedFails, type LevelPlayer, type WalkedSchedule } from '../api/walk-chunks.js';
import { checkLoaded, loadTask, runCheckTask, runWalkChunk, walksExhaustively, type CheckTask, type TaskResult, type WalkChunkJob } from './check-task.js';
import { takePool, type WorkerMode } from './worker-pool.js';

export { workerMode, type WorkerMode } from './worker-pool.js';

/** Fewest schedules of a level worth a chunk of their own: a round trip to a worker costs a few schedules' time. */
const MIN_CHUNK = 24;
/** Chunks per process of a large level, so that a process that finishes early takes another. */
const CHUNKS_PER_PROCESS = 3;

/** A level's schedules cut into contiguous chunks, in order. */
export const chunksOf = <T>(level: readonly T[], processes: number): T[][] => {
  const count = Math.max(1, Math.min(Math.floor(level.length / MIN_CHUNK), processes * CHUNKS_PER_PROCESS));
  const size = Math.ceil(level.length / count);
  return Array.from({ length: Math.ceil(level.length / size) }, (_, i) => level.slice(i * size, (i + 1) * size));
};

/** Whether a chunk's last schedule failed (a chunk stops there, so nothing after it counts). */
const endsFailing = (played: readonly WalkedSchedule[]): boolean => {
  const last = played.at(-1);
  return last !== undefined && walkedFails(last);
};

/** A chunk waiting for a process, and what to tell its level when it is played. */
interface QueuedChunk {
  readonly job: WalkChunkJob;
  readonly index: number;
  /** True once an earlier chunk of the level failed: this one need not be played. */
  readonly needless: () => boolean;
  readonly done: (played: WalkedSchedule[]) => void;
  readonly failed: (error: unknown) => void;
}

/**
 * Runs every task in this process and a pool of `mode.size - 1` worker processes and returns their
 * results in task order. `onDone` is told each time a task finishes (for the TTY progress line). A
 * worker that dies (a handler calling process.exit, say) makes its task an `error` outcome; the others go on.
 *
 * A task that walks exhaustively is checked here, one at a time, with each level of its walk cut into
 * chunks that every process plays (workers take chunks before tasks), so that one handler's walk uses
 * the whole pool; the walk goes on from the chunks' results in the level's order, so it counts,
 * prunes and fails exactly as in one process.
 */
export const runInPool = async (
  tasks: readonly CheckTask[],
  mode: Extract<WorkerMode, { kind: 'pool' }>,
  onDone: (finished: number) => void = () => {},
): Promise<TaskResult[]> => {
  const workers = mode.size - 1;
  // Not awaited here: this process's lane starts checking at once, and the worker lanes wait for the
  // pool (started early by prestartPool, still loading on a busy machine) on their own.
  const starting = takePool(mode);
  // A pool that fails to start fails the run, as an awaited one would; this keeps it from also
  // counting as unhandled before the worker lanes reach it.
  starting.catch(() => {});
  const inWorker = async (task: CheckTask): Promise<TaskResult> => {
    try {
      return (await (await starting).run(task)) as TaskResult;
    } catch (error) {
      const message = `the worker process checking it failed (${error instanceof Error ? error.message : String(error)}): a handler that exits or crashes its process cannot be checked`;
      return { kind: 'outcome', outcome: { kind: 'error', target: task.target, properties: task.properties, message } };
    }
  };
  // A job's part of a split walk (--split-walks) is one task like any other: it is short enough already.
  const walking = await Promise.all(tasks.map((t) => (t.walkSlice === undefined ? walksExhaustively(t) : false)));
  const walks = tasks.flatMap((_, i) => (walking[i] === true ? [i] : []));
  const plain = tasks.flatMap((_, i) => (walking[i] === true ? [] : [i]));
  const results: TaskResult[] = [];
  let finished = 0;
  let walksLeft = walks.length;
  const queue: QueuedChunk[] = [];
  // Worker lanes with nothing to do while a walk goes on wait here for its next level's chunks.
  let idle: (() => void)[] = [];
  const wake = (): void => {
    for (const resume of idle) resume();
    idle = [];
  };
  const finish = (i: number, result: TaskResult): void => {
    results[i] = result;
    onDone(++finished);
  };

  const play = async (queued: QueuedChunk, how: (job: WalkChunkJob) => Promise<WalkedSchedule[]>): Promise<void> => {
    if (queued.needless()) return queued.done([]);
    try {
      queued.done(await how(queued.job));
    } catch (error) {
      queued.failed(error);
    }
  };
  // One level of a walk: its chunks go to the queue, and this process plays them too until none is left.
  const levelPlayer =
    (task: CheckTask): LevelPlayer =>
    async (level, previous) => {
      if (level.length < 2 * MIN_CHUNK) return runWalkChunk({ kind: 'walk-chunk', task, chunk: level, previous });
      const chunks = chunksOf(level, mode.size);
      let firstFailing = Infinity;
      const played = chunks.map(
        (chunk, index) =>
          new Promise<WalkedSchedule[]>((resolvePlayed, rejectPlayed) => {
            queue.push({
              job: { kind: 'walk-chunk', task, chunk, previous: index === 0 ? previous : chunks[index - 1]!.at(-1) },
              index,
              needless: () => index > firstFailing,
              done: (schedules) => {
                if (endsFailing(schedules)) firstFailing = Math.min(firstFailing, index);
                resolvePlayed(schedules);
              },
              failed: rejectPlayed,
            });
          }),
      );
      wake();
      for (let queued = queue.shift(); queued !== undefined; queued = queue.shift()) await play(queued, runWalkChunk);
      const all = await Promise.all(played);
      const upTo = firstFailing === Infinity ? all.length : firstFailing + 1;
      return all.slice(0, upTo).flat();
    };

  let nextPlain = 0;
  const hereLane = async (): Promise<void> => {
    for (const i of walks) {
      const task = tasks[i]!;
      const handler = await loadTask(task);
      finish(
        i,
        typeof handler === 'function'
          ? { kind: 'outcome', outcome: await checkLoaded(task, handler, levelPlayer(task)) }
          : { kind: 'load-problem', problem: handler },
      );
      walksLeft--;
      wake();
    }
    for (let k = nextPlain++; k < plain.length; k = nextPlain++) finish(plain[k]!, await runCheckTask(tasks[plain[k]!]!));
  };
  const workerLane = async (): Promise<void> => {
    const pool = await starting;
    for (;;) {
      const queued = queue.shift();
      if (queued !== undefined) {
        await play(queued, async (job) => (await pool.run(job)) as WalkedSchedule[]);
        continue;
      }
      if (nextPlain < plain.length) {
        const i = plain[nextPlain++]!;
        finish(i, await inWorker(tasks[i]!));
        continue;
      }
      if (walksLeft === 0) return;
      await new Promise<void>((resume) => idle.push(resume));
    }
  };
  try {
    // This process's lane starts first: it begins at once, while the workers are still starting.
    await Promise.all([hereLane(), ...Array.from({ length: workers }, workerLane)]);
    return results;
  } finally {
    await (await starting).destroy();
  }
};
