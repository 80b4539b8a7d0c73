/**
 * The entry of a `--workers` process (tinypool's child_process runtime). Each process has its own
 * globals, so the harness's lock and its Forge globals are per process, and checks in different
 * processes run at the same time. Built to dist/cli-worker.js; run from source with tsx's loader.
 */
import { runCheckTask, runWalkChunk, type CheckTask, type TaskResult, type WalkChunkJob } from './check-task.js';
import type { WalkedSchedule } from '../api/walk-chunks.js';

const isChunk = (job: CheckTask | WalkChunkJob): job is WalkChunkJob => 'kind' in job && job.kind === 'walk-chunk';

/**
 * Loads and checks one handler, or plays a chunk of one handler's exhaustive walk; tinypool calls
 * the default export with each job.
 */
const runJob = (job: CheckTask | WalkChunkJob): Promise<TaskResult | WalkedSchedule[]> => (isChunk(job) ? runWalkChunk(job) : runCheckTask(job));

export default runJob;
