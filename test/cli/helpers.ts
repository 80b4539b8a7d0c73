/** Runs the CLI in this process with captured output, and makes throw-away app folders. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/run.js';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const exampleApp = join(repo, 'examples', 'forge-app');

/** What one CLI run printed and returned. */
export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `forge-retry-harness argv` from the repository root, with `env` as its environment. */
export const cli = async (argv: readonly string[], env: Record<string, string | undefined> = {}): Promise<Captured> => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: repo,
    env,
  });
  return { code, stdout, stderr };
};

const temps: string[] = [];

/** A temporary folder with these files (paths relative to it); removed by `removeFolders`. */
export const folder = (files: Record<string, string> = {}): string => {
  const dir = mkdtempSync(join(tmpdir(), 'frh-cli-'));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
};

/** Removes every folder `folder` made (for afterAll). */
export const removeFolders = (): void => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
};
