#!/usr/bin/env node
/**
 * The `forge-retry-harness` command. Starts the `--workers` processes first, then loads the harness
 * (cli-main), so that both load at once. Exits once output is flushed, so a handler's stray timer (or
 * a worker started for a run that needed none) cannot keep it alive.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prestartPool } from './worker-pool.js';

const argv = process.argv.slice(2);
prestartPool(argv);
// A path the bundler leaves alone: the harness is a file of its own (dist/cli-main.js, or the source).
const harness = new URL(`./cli-main${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;
const { main } = (await import(harness)) as typeof import('./cli-main.js');
const { formatMessage } = await import('../messages/format.js');
const { thrownMessage } = await import('../../models/render-value.js');

main(argv).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    const detail = error instanceof Error && error.stack !== undefined ? error.stack : thrownMessage(error);
    process.stderr.write(`${formatMessage(`internal error: ${detail}`)}\n`);
    process.exit(2);
  },
);
