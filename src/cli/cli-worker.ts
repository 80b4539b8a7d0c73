/**
 * The entry of a `--workers` process (tinypool's child_process runtime). Each process has its own
 * globals, so the harness's lock and its Forge globals are per process, and checks in different
 * processes run at the same time. Built to dist/cli-worker.js; run from source with tsx's loader.
 */
import { runCheckTask } from './check-task.js';

/** Loads and checks one handler; tinypool calls the default export with each task. */
export default runCheckTask;
