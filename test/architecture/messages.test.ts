/**
 * One message format: only src/messages/ builds it. A message elsewhere that writes the `  fix  ` line
 * or the `forge-retry-harness: ` prefix by hand would drift from the format, so this fails on any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });

interface Source {
  readonly file: string;
  readonly text: string;
}

/** Every source file outside src/messages/. */
const sources = (): Source[] =>
  ['models', 'properties', 'src']
    .flatMap((root) => filesUnder(join(repo, root)))
    .map((path) => ({ file: relative(repo, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }))
    .filter(({ file }) => !file.startsWith('src/messages/'));

const PREFIX = 'forge-retry-harness: ';

/**
 * Files still writing the prefix by hand because another branch is rewriting them; each goes through
 * formatMessage / usageError when that branch lands, and then leaves this list.
 */
const PENDING: ReadonlySet<string> = new Set<string>([]);

/** `file: line` for each code line (comment lines dropped) that contains the needle. */
const offendersIn = (files: readonly Source[], needle: string): string[] =>
  files.flatMap(({ file, text }) =>
    text
      .split('\n')
      .filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l) && l.includes(needle))
      .map((l) => `${file}: ${l.trim()}`),
  );

const offenders = (needle: string): string[] => offendersIn(sources(), needle);

describe('message formats', () => {
  it('no source outside src/messages/ writes the fix line by hand', () => {
    expect(offenders('  fix  ')).toEqual([]);
    expect(offenders('\\n  fix')).toEqual([]);
  });

  it('no source outside src/messages/ writes the prefix by hand', () => {
    expect(offenders(PREFIX).filter((o) => !PENDING.has(o.split(':')[0]!))).toEqual([]);
  });

  it('lists as pending only files that still write the prefix', () => {
    const writing = new Set(offenders(PREFIX).map((o) => o.split(':')[0]));
    expect([...PENDING].filter((file) => !writing.has(file))).toEqual([]);
  });

  it('would catch a hand-built message, and not a comment that shows the format', () => {
    const file = { file: 'src/x.ts', text: ' * forge-retry-harness: shown in a comment\nthrow new Error(`forge-retry-harness: bad\\n  fix  do better`);' };
    expect(offendersIn([file], PREFIX)).toEqual(['src/x.ts: throw new Error(`forge-retry-harness: bad\\n  fix  do better`);']);
    expect(offendersIn([file], '\\n  fix')).toHaveLength(1);
  });
});
