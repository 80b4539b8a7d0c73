#!/usr/bin/env node
/** The `forge-retry-harness` command. Exits once output is flushed, so a handler's stray timer cannot keep it alive. */
import { main } from './run.js';

main(process.argv.slice(2)).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    process.stderr.write(`forge-retry-harness: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
