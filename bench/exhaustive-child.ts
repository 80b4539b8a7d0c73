/**
 * Runs one exhaustive check in its own process, so that the parent can stop it at the time limit:
 * `exhaustive-child.ts <index into CORRECT>`; sends `{ passed, runs, ms, failed }` over IPC.
 */
import { checkRetrySemantics } from '../src/index.js';
import { CORRECT } from '../test/handlers/index.js';

const index = Number(process.argv[2]);
const c = CORRECT[index];
if (c === undefined || process.send === undefined) {
  console.error(`exhaustive-child: no CORRECT handler ${process.argv[2]} (or no IPC channel)`);
  process.exit(2);
}
const t0 = performance.now();
const result = await checkRetrySemantics(c.handler, { ...c.options, exhaustive: true });
const ms = performance.now() - t0;
process.send({ passed: result.passed, runs: result.runs, ms, failed: [...new Set(result.failures.map((f) => f.property))] }, () => process.exit(0));
