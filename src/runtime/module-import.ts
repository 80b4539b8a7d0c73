/**
 * Loading an app's file as Forge bundles it: TypeScript, JSX (`.jsx`/`.tsx`, the layout of the older Forge
 * templates) and ESM/CommonJS, without a build step, through jiti. The CLI loads handler and config files
 * with it, and a check that simulates cold starts loads a fresh instance of the handler's module with it:
 * `fresh` evaluates the app's own files anew (a jiti without module cache), while packages under
 * node_modules (`@forge/api` among them) stay the ones already loaded. Those read the simulated Forge
 * globals at call time, so one copy serves every instance, as a warm bundle's would.
 */
import { readFileSync } from 'node:fs';
import { createJiti, type Jiti } from 'jiti';
import { describeInput, thrownMessage } from '../../models/render-value.js';
import type { Problem } from '../messages/format.js';
import { evaluateFresh, NotCompilable } from './fresh-module.js';
import type { ForgeHandler } from './handler-call.js';

// JSX compiles to classic createElement calls, as the Forge templates' bundler did: UI Kit 1 files
// (which import @forge/ui) get its pragma, others React's; a `/** @jsx h */` comment wins over both.
// jiti transforms only the extensions it lists, and `.jsx` is not among its defaults.
const JITI_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts', '.mtsx', '.ctsx'];
const FORGE_UI_JSX = { runtime: 'classic', pragma: 'ForgeUI.createElement', pragmaFrag: 'ForgeUI.Fragment' } as const;

const jitiFor = (forgeUi: boolean, moduleCache: boolean): Jiti =>
  createJiti(import.meta.url, { interopDefault: true, tryNative: false, extensions: JITI_EXTENSIONS, jsx: forgeUi ? FORGE_UI_JSX : true, moduleCache });

const cached = { plain: jitiFor(false, true), forgeUi: jitiFor(true, true) };
// Without a module cache every import evaluates the app's files again; the transform cache on disk still
// spares the compile, so a fresh instance costs an evaluation, not a build.
const fresh = { plain: jitiFor(false, false), forgeUi: jitiFor(true, false) };

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

/** How a file loads: once and cached (the CLI's first load, config files), or as a fresh instance. */
export interface ImportOptions {
  /** Evaluate the app's files anew instead of returning the cached instance. @defaultValue false */
  readonly fresh?: boolean;
}

/**
 * Imports a handler (or config) file, or describes why it cannot be: a syntax error by file:line:column,
 * anything else by the first line of what it threw.
 *
 * @example
 * const imported = await importModule('/app/src/index.ts', 'src/index.ts', { fresh: true });
 * if ('problem' in imported) console.error(imported.problem.what);
 */
export const importModule = async (file: string, displayFile: string, options: ImportOptions = {}): Promise<{ module: unknown } | { problem: Problem }> => {
  try {
    if (options.fresh !== true) return { module: await (usesForgeUi(file) ? cached.forgeUi : cached.plain).import(file) };
    // A fresh instance loads synchronously: packages then come from Node's require cache, the very copies
    // the app (or its test) already loaded, instead of an asynchronous native import() per package,
    // which took real turns of the event loop in the middle of an invocation (and under tsx or Vitest a
    // trip to the loader thread) and made a load cost tens of milliseconds.
    const jiti = usesForgeUi(file) ? fresh.forgeUi : fresh.plain;
    try {
      return { module: evaluateFresh(jiti, file) };
    } catch (error) {
      if (!(error instanceof NotCompilable)) throw error;
      return { module: jiti(file) as unknown };
    }
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

/**
 * A module's export names, `default`'s members included (a CommonJS module through jiti's interop).
 *
 * @example
 * exportNames({ run: () => 1, default: { other: 2 } }) // ['other', 'run']
 */
export const exportNames = (mod: unknown): string[] => {
  if (typeof mod !== 'object' && typeof mod !== 'function') return [];
  if (mod === null) return [];
  const names = new Set(Object.keys(mod).filter((k) => k !== 'default' && k !== '__esModule'));
  const fallback = (mod as { default?: unknown }).default;
  if (typeof fallback === 'object' && fallback !== null) for (const k of Object.keys(fallback)) if (k !== '__esModule') names.add(k);
  return [...names].sort();
};

/**
 * The export `exportName` of a loaded module as a function, or the problem that prevents it. An
 * undefined `exportName` (a `file.ts` argument without `#export`) is a problem listing the exports.
 *
 * @example
 * const handler = pickExport(mod, 'run', 'src/index.ts');
 * if (typeof handler !== 'function') console.error(handler.what);
 */
export const pickExport = (mod: unknown, exportName: string | undefined, displayFile: string): ForgeHandler | Problem => {
  if (exportName === undefined) {
    const names = exportNames(mod);
    return {
      what: `${displayFile} names no export to check; its exports: ${names.length === 0 ? '(none)' : names.join(', ')}`,
      fix: `append the handler's export name: ${displayFile}#${names[0] ?? 'run'}`,
    };
  }
  let value: unknown;
  try {
    const record = mod as Record<string, unknown> | null;
    // `export default { run }`, or a CommonJS module through an ESM default: the member of the default.
    value = record?.[exportName] ?? (record?.['default'] as Record<string, unknown> | null | undefined)?.[exportName];
  } catch (error) {
    return { what: `reading export "${exportName}" of ${displayFile} threw: ${thrownMessage(error)}`, fix: 'export the handler as a plain function' };
  }
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
