/**
 * Finds the file behind a manifest `handler` and loads its export. Forge bundles `src/<file>` with the
 * usual extensions, so `handler: index.run` is `src/index.ts` (or .tsx, .js, ...) exporting `run`.
 * Files are loaded with jiti, so TypeScript and ESM/CommonJS handlers load without a build step.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createJiti } from 'jiti';
import { describeInput, thrownMessage } from '../../models/render-value.js';
import type { ForgeHandler } from '../api/types.js';
import type { Problem } from './errors.js';

/** The extensions Forge's bundler resolves, in its order of preference. */
export const HANDLER_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'] as const;

/** True when `path` is an existing file (not a folder). */
export const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** Splits `index.onIssueCreated` (or `handlers/issue.run`) at its last dot. */
export const splitHandler = (handler: string): { file: string; exportName: string } | undefined => {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) return undefined;
  return { file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
};

/** The candidate paths of a manifest handler's file, in the order they are tried. */
export const candidatePaths = (srcDir: string, file: string): string[] => {
  const base = join(srcDir, file);
  return [base, ...HANDLER_EXTENSIONS.map((ext) => base + ext), ...HANDLER_EXTENSIONS.map((ext) => join(base, `index${ext}`))];
};

/** Resolves a manifest handler's file, or describes every path tried. */
export const resolveHandlerFile = (appDir: string, file: string, context: string): string | Problem => {
  const tried = candidatePaths(join(appDir, 'src'), file);
  const found = tried.find(isFile);
  if (found !== undefined) return found;
  return {
    what: `${context}: no file for "${file}" in ${join(appDir, 'src')}; tried ${tried
      .slice(1)
      .map((p) => relative(appDir, p))
      .join(', ')}`,
    fix: `create src/${file}.ts (or .js) exporting the handler, or correct the handler in manifest.yml`,
  };
};

const jiti = createJiti(import.meta.url, { interopDefault: true });

/**
 * `:line:column` of a syntax error in `file`, which jiti's parser names on a later line of its message
 * (`ParseError: Unexpected token \n /abs/path/index.ts:2:20`), or '' when the message names none.
 */
const syntaxLocation = (message: string, file: string): string => {
  for (const m of message.matchAll(/(\S+?):(\d+):(\d+)/g)) if (m[1] === file) return `:${m[2]}:${m[3]}`;
  return '';
};

const exportNames = (mod: unknown): string[] => {
  if (typeof mod !== 'object' && typeof mod !== 'function') return [];
  if (mod === null) return [];
  const names = new Set(Object.keys(mod).filter((k) => k !== 'default' && k !== '__esModule'));
  const fallback = (mod as { default?: unknown }).default;
  if (typeof fallback === 'object' && fallback !== null) for (const k of Object.keys(fallback)) if (k !== '__esModule') names.add(k);
  return [...names].sort();
};

/**
 * Loads `file` and returns its export `exportName` as a function, or the problem that prevents it.
 * An undefined `exportName` (a `file.ts` argument without `#export`) is a problem listing the exports.
 */
export const loadHandler = async (file: string, exportName: string | undefined, displayFile: string): Promise<ForgeHandler | Problem> => {
  let mod: unknown;
  try {
    mod = await jiti.import(file);
  } catch (error) {
    const message = thrownMessage(error);
    const at = syntaxLocation(message, file);
    return {
      what: `${displayFile}${at} failed to load: ${message.split('\n')[0]?.trim()}`,
      fix:
        at === ''
          ? 'make the module load on its own (run it with `npx tsx` to see the full error); the harness installs the Forge globals only while a handler runs'
          : `correct the code at ${displayFile}${at} (line:column), then run again`,
    };
  }
  if (exportName === undefined) {
    const names = exportNames(mod);
    return {
      what: `${displayFile} names no export to check; its exports: ${names.length === 0 ? '(none)' : names.join(', ')}`,
      fix: `append the handler's export name: ${displayFile}#${names[0] ?? 'run'}`,
    };
  }
  const value = (mod as Record<string, unknown> | null)?.[exportName];
  if (value === undefined) {
    const names = exportNames(mod);
    return {
      what: `${displayFile} has no export "${exportName}"; its exports: ${names.length === 0 ? '(none)' : names.join(', ')}`,
      fix:
        names.length === 0
          ? `export the handler: export const ${exportName} = async (event, context) => { ... }`
          : 'export the handler under that name, or correct the name in manifest.yml / file#export',
    };
  }
  if (typeof value !== 'function') {
    return {
      what: `export "${exportName}" of ${displayFile} is ${describeInput(value)}, not a function`,
      fix: 'point the manifest (or file#export) at the handler function',
    };
  }
  return value as ForgeHandler;
};
