/**
 * Golden reports: the full report of every corpus handler on one seed, and the demo's text and JSON
 * output, compared byte for byte with committed files. A refactor that changes what a user reads
 * shows up here as a diff; an intended change is reviewed and the files regenerated with `vitest -u`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run.js';
import { checkRetrySemantics } from '../../src/index.js';
import { BUGGY } from '../handlers/index.js';

// One seed keeps `npm test` under two minutes; the corpus sweeps run twenty seeds in test:full.
const SEEDS = [7];
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('golden reports', () => {
  it('every buggy corpus handler reports byte-identically to the committed text', async () => {
    const parts: string[] = [];
    // The buggy handlers: a correct handler's report is empty, and the corpus sweeps assert that on every seed.
    for (const c of BUGGY) {
      for (const seed of SEEDS) {
        const result = await checkRetrySemantics(c.handler, { ...c.options, seed, numRuns: 60 });
        parts.push(`=== ${c.name} · seed ${seed} · passed ${result.passed} · runs ${result.runs} · shrinks ${result.shrinks}`);
        parts.push(result.report);
      }
    }
    await expect(parts.join('\n')).toMatchFileSnapshot('./corpus-reports.txt');
  }, 300_000);
});

describe('golden CLI output', () => {
  const cli = async (argv: string[]): Promise<string> => {
    let out = '';
    const code = await main(argv, {
      stdout: { write: (s: string) => (out += s), isTTY: false },
      stderr: { write: (s: string) => (out += s) },
      cwd: repo,
      env: {},
    });
    return `exit ${code}\n${out}`;
  };

  it('the demo prints the committed text', async () => {
    await expect(await cli(['--cwd', 'examples/forge-app', '--no-fail'])).toMatchFileSnapshot('./demo.txt');
  });

  it('the demo as JSON prints the committed JSON', async () => {
    await expect(await cli(['--cwd', 'examples/forge-app', '--no-fail', '--json'])).toMatchFileSnapshot('./demo.json.txt');
  });

  it('the help text is the committed text', async () => {
    await expect(await cli(['--help'])).toMatchFileSnapshot('./help.txt');
  });
});
