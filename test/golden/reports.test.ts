/**
 * Golden reports: the full report of buggy corpus handlers on one seed (corpus-golden.ts), and the
 * help text, compared byte for byte with committed files (the demo's text and JSON are compared in
 * test/cli.test.ts, whose runs of the example app they are). A refactor that changes what a user reads
 * shows up here as a diff; an intended change is reviewed and the files regenerated with `vitest -u`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run.js';
import { BUGGY } from '../handlers/index.js';
import { goldenCorpus, ONE_A_PROPERTY } from './corpus-golden.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// One handler a property keeps `npm test` under two minutes; test:full compares every buggy handler.
// A correct handler's report is empty, and the corpus sweeps assert that on every seed.
describe('golden reports', () => {
  goldenCorpus(ONE_A_PROPERTY(BUGGY));
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

  it('the help text is the committed text', async () => {
    await expect(await cli(['--help'])).toMatchFileSnapshot('./help.txt');
  });
});
