/**
 * A fresh instance of an app's module, cheaply. Evaluating the app's files anew is what a cold start
 * does; resolving and compiling them anew is not, and through jiti without a module cache it was most of
 * the cost (tens of milliseconds a load, mostly its resolver's file-system probes). So the app's own
 * files are transformed by jiti once, compiled once per source text, and their specifiers resolved once;
 * a fresh instance then only runs the compiled module bodies again, each with new `module`/`exports`
 * objects. Packages under node_modules (and JSON, and Node's built-ins) come from Node's require cache,
 * the copies the app already loaded, as one warm bundle's packages would serve every instance.
 */
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { Jiti } from 'jiti';

type ModuleBody = (
  exports: unknown,
  require: unknown,
  module: { exports: unknown },
  filename: string,
  dirname: string,
  jitiImport: (specifier: string) => Promise<unknown>,
  jitiESMResolve: (specifier: string) => string,
) => unknown;

/** The module wrapper jiti evaluates transformed code in (its `eval` step), so the transform's output runs unchanged. */
const WRAPPER_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname', 'jitiImport', 'jitiESMResolve'];

const TRANSFORMED = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts', '.mtsx', '.ctsx']);
const TYPESCRIPT = new Set(['.ts', '.tsx', '.mts', '.cts', '.mtsx', '.ctsx']);
const JSX = new Set(['.jsx', '.tsx', '.mtsx', '.ctsx']);

const compiled = new Map<string, { readonly source: string; readonly body: ModuleBody }>();
const resolutions = new Map<string, string>();

const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(specifier);

/** A file the app's bundle would carry as a package, or one jiti would not transform: Node loads it. */
const isNative = (path: string): boolean => path.includes('/node_modules/') || path.includes('\\node_modules\\') || !TRANSFORMED.has(extname(path));

/** Code this path cannot compile (top-level await, a transform error): the caller loads through jiti, which reports it. */
export class NotCompilable extends Error {
  override readonly name = 'NotCompilable';
}

const compile = (jiti: Jiti, filename: string): ModuleBody => {
  const source = readFileSync(filename, 'utf8');
  const known = compiled.get(filename);
  if (known !== undefined && known.source === source) return known.body;
  const ext = extname(filename);
  try {
    const code = jiti.transform({ source, filename, ts: TYPESCRIPT.has(ext), ...(JSX.has(ext) ? { jsx: jiti.options.jsx ?? true } : {}) });
    if (code.includes('__JITI_ERROR__')) throw new NotCompilable(filename);
    const body = vm.compileFunction(code.startsWith('#!') ? `// ${code}` : code, WRAPPER_PARAMS, { filename }) as unknown as ModuleBody;
    compiled.set(filename, { source, body });
    return body;
  } catch (error) {
    throw error instanceof NotCompilable ? error : new NotCompilable(filename, { cause: error });
  }
};

const resolveFrom = (jiti: Jiti, parent: string, specifier: string): string => {
  const key = `${parent}\0${specifier}`;
  const known = resolutions.get(key);
  if (known !== undefined) return known;
  const path = jiti.resolve(specifier, { parentURL: pathToFileURL(parent).href } as never);
  resolutions.set(key, path);
  return path;
};

/**
 * Evaluates `file` and the app files it imports as a new instance; returns its exports. Throws what the
 * module throws, or `NotCompilable` before running anything of a file this path cannot compile (top-level
 * await, a syntax error), which the caller answers by loading through jiti instead.
 *
 * @example
 * const exports = evaluateFresh(jiti, '/app/src/index.ts');
 */
export const evaluateFresh = (jiti: Jiti, file: string): unknown => {
  const registry = new Map<string, { exports: unknown }>();
  const requireFrom = (parent: string, specifier: string): unknown => {
    if (isBuiltin(specifier)) return createRequire(parent)(specifier);
    const path = resolveFrom(jiti, parent, specifier);
    if (!isNative(path)) return load(path);
    try {
      return createRequire(parent)(path);
    } catch (error) {
      // A package published as ESM only: jiti transforms it once, and its cached copy is shared.
      if ((error as { code?: unknown }).code === 'ERR_REQUIRE_ESM') return jiti(path);
      throw error;
    }
  };
  const load = (filename: string): unknown => {
    const existing = registry.get(filename);
    if (existing !== undefined) return existing.exports;
    const body = compile(jiti, filename);
    const module = { exports: {} as unknown, id: filename, filename, loaded: false };
    registry.set(filename, module);
    const require = Object.assign((specifier: string) => requireFrom(filename, specifier), {
      resolve: (specifier: string) => (isBuiltin(specifier) ? specifier : resolveFrom(jiti, filename, specifier)),
      cache: Object.create(null) as Record<string, unknown>,
    });
    const dynamicImport = (specifier: string): Promise<unknown> => Promise.resolve().then(() => requireFrom(filename, specifier));
    const esmResolve = (specifier: string): string => pathToFileURL(resolveFrom(jiti, filename, specifier)).href;
    body.call(module.exports, module.exports, require, module, filename, dirname(filename), dynamicImport, esmResolve);
    module.loaded = true;
    return module.exports;
  };
  return load(file);
};
