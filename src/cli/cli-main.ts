/**
 * The harness side of the `forge-retry-harness` command, loaded by the entry (main.ts) once it has
 * started the worker processes: built to dist/cli-main.js beside dist/cli.js.
 */
export { main } from './run.js';
