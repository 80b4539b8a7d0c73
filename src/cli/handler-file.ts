/**
 * Finds the file behind a manifest `handler` and loads its export. Forge bundles `src/<file>` with the
 * usual extensions, so `handler: index.run` is `src/index.ts` (or .tsx, .js, ...) exporting `run`.
 * Files are loaded by src/runtime/module-import.ts (jiti), so TypeScript, JSX and ESM/CommonJS handlers
 * load without a build step, and a check can load fresh instances of the same file for cold starts.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ForgeHandler } from '../api/types.js';
import { importModule, pickExport } from '../runtime/module-import.js';
import type { Problem } from './errors.js';

export { importModule } from '../runtime/module-import.js';

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

/**
 * Loads `file` and returns its export `exportName` as a function, or the problem that prevents it.
 * An undefined `exportName` (a `file.ts` argument without `#export`) is a problem listing the exports.
 */
export const loadHandler = async (file: string, exportName: string | undefined, displayFile: string): Promise<ForgeHandler | Problem> => {
  const imported = await importModule(file, displayFile);
  if ('problem' in imported) return imported.problem;
  return pickExport(imported.module, exportName, displayFile);
};
