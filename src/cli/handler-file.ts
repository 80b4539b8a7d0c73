/**
 * Finds the file behind a manifest `handler` and loads its export. Forge bundles `src/<file>` with the
 * usual extensions, so `handler: index.run` is `src/index.ts` (or .tsx, .js, ...) exporting `run`.
 * Files are loaded with jiti, so TypeScript, JSX (`.jsx`/`.tsx`, the layout of the older Forge
 * templates) and ESM/CommonJS handlers load without a build step.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
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

// JSX compiles to classic createElement calls, as the Forge templates' bundler did: UI Kit 1 files
// (which import @forge/ui) get its pragma, others React's; a `/** @jsx h */` comment wins over both.
// jiti transforms only the extensions it lists, and `.jsx` is not among its defaults.
const JITI_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts', '.mtsx', '.ctsx'];
const jiti = createJiti(import.meta.url, { interopDefault: true, jsx: true, tryNative: false, extensions: JITI_EXTENSIONS });
const forgeUiJiti = createJiti(import.meta.url, {
  interopDefault: true,
  tryNative: false,
  extensions: JITI_EXTENSIONS,
  jsx: { runtime: 'classic', pragma: 'ForgeUI.createElement', pragmaFrag: 'ForgeUI.Fragment' },
});

const usesForgeUi = (file: string): boolean => {
  try {
    return /\.[jt]sx$/.test(file) && readFileSync(file, 'utf8').includes('@forge/ui');
  } catch {
    return false;
  }
};

/**
 * `ParseError: Unexpected token \n /app/src/index.ts:2:12` (Babel, through jiti): the location and the
 * reason. The location may be a file the handler imports; the handler's own file is named as the user does.
 */
const syntaxErrorOf = (message: string, file: string, displayFile: string): string | undefined => {
  const at = /(\S+\.[cm]?[jt]sx?):(\d+):(\d+)/.exec(message);
  if (at === null || !/^(ParseError|SyntaxError)\b/.test(message)) return undefined;
  const where = at[1] === file ? displayFile : at[1];
  const reason = (message.split('\n')[0] ?? '').replace(/^(ParseError|SyntaxError):\s*/, '').trim();
  return `${where}:${at[2]}:${at[3]}: syntax error: ${reason || 'the file does not parse'}`;
};

/**
 * Imports a handler (or config) file, or describes why it cannot be: a syntax error by file:line:column,
 * anything else by the first line of what it threw.
 */
export const importModule = async (file: string, displayFile: string): Promise<{ module: unknown } | { problem: Problem }> => {
  try {
    return { module: await (usesForgeUi(file) ? forgeUiJiti : jiti).import(file) };
  } catch (error) {
    const message = thrownMessage(error);
    const syntax = syntaxErrorOf(message, file, displayFile);
    if (syntax !== undefined)
      return { problem: { what: syntax, fix: `correct the code at ${syntax.split(': ')[0]}; the harness loads the file as it is, without a build step` } };
    return {
      problem: {
        what: `${displayFile} failed to load: ${message.split('\n')[0]}`,
        fix: 'make the module load on its own (run it with `npx tsx` to see the full error); the harness installs the Forge globals only while a handler runs',
      },
    };
  }
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
  const imported = await importModule(file, displayFile);
  if ('problem' in imported) return imported.problem;
  const mod = imported.module;
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
