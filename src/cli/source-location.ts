/**
 * Where a handler export is declared, for SARIF results that GitHub code scanning pins to a line. Found
 * by reading the source, not by loading it: the declaration (`export const run =`, `export async
 * function run`, `exports.run =`) or, for `export { run } from './run.js'`, the same search in that
 * file (a few hops at most). When nothing matches, the file's first line: a finding still belongs to it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { HANDLER_EXTENSIONS, isFile } from './handler-file.js';

/** A file and a 1-based line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

const MAX_HOPS = 4;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const declarations = (name: string): RegExp[] => {
  const n = escapeRegExp(name);
  return [
    new RegExp(`^\\s*export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${n}\\b`),
    new RegExp(`^\\s*export\\s+(?:const|let|var|class)\\s+${n}\\b`),
    new RegExp(`^\\s*(?:module\\.)?exports\\.${n}\\s*=`),
    new RegExp(`^\\s*(?:async\\s+)?function\\s*\\*?\\s*${n}\\b|^\\s*(?:const|let|var)\\s+${n}\\s*=`),
  ];
};

/** `export { a, b as run } from './x.js'` on one line: the local name of `name` and the module, if any. */
const reExport = (line: string, name: string): { local: string; from: string | undefined } | undefined => {
  const m = /^\s*export\s*(?:type\s*)?\{([^}]*)\}\s*(?:from\s*['"]([^'"]+)['"])?/.exec(line);
  if (m === null) return undefined;
  for (const part of (m[1] ?? '').split(',')) {
    const [local = '', exported = local] = part.trim().split(/\s+as\s+/);
    if (exported.trim() === name) return { local: local.trim(), from: m[2] };
  }
  return undefined;
};

/** Resolves a relative import the way a bundler would: as written, `.js` as `.ts`, with Forge's extensions. */
const resolveImport = (fromFile: string, specifier: string): string | undefined => {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const stem = base.replace(/\.(c|m)?js$/, '');
  return [base, ...HANDLER_EXTENSIONS.map((ext) => stem + ext), ...HANDLER_EXTENSIONS.map((ext) => `${base}/index${ext}`)].find(isFile);
};

const search = (file: string, name: string, hops: number): SourceLocation | undefined => {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
  for (const pattern of declarations(name)) {
    const index = lines.findIndex((l) => pattern.test(l));
    if (index !== -1) return { file, line: index + 1 };
  }
  for (const [index, line] of lines.entries()) {
    const found = reExport(line, name);
    if (found === undefined) continue;
    const next = found.from === undefined ? undefined : resolveImport(file, found.from);
    if (next !== undefined && hops < MAX_HOPS) return search(next, found.local, hops + 1) ?? { file, line: index + 1 };
    if (found.from === undefined && found.local !== name) return search(file, found.local, hops + 1) ?? { file, line: index + 1 };
    return { file, line: index + 1 };
  }
  return undefined;
};

/**
 * The declaration of export `name` in `file`, following re-exports; line 1 of `file` when not found.
 *
 * @example
 * exportLocation('/app/src/index.ts', 'run') // { file: '/app/src/run.ts', line: 12 }
 */
export const exportLocation = (file: string, name: string | undefined): SourceLocation =>
  (name === undefined ? undefined : search(file, name, 0)) ?? { file, line: 1 };
