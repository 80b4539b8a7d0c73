#!/usr/bin/env node
/** The `forge-retry-harness` command. Exits once output is flushed, so a handler's stray timer cannot keep it alive. */
import { thrownMessage } from '../../models/render-value.js';
import { formatMessage } from '../messages/format.js';
import { main } from './run.js';

main(process.argv.slice(2)).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    const detail = error instanceof Error && error.stack !== undefined ? error.stack : thrownMessage(error);
    process.stderr.write(`${formatMessage(`internal error: ${detail}`)}\n`);
    process.exit(2);
  },
);
