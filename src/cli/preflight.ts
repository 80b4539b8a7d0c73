/**
 * Pre-flight of the app's dependencies, before any handler loads. The simulation answers the request
 * path of `@forge/api` 5.0 and later (the `__forge_fetch__` runtime calls); an older copy fails at
 * import or on its first request with an error that points nowhere near the cause. It may be the
 * app's own copy or one nested inside an old `@forge/events` (which brought its own `@forge/api`), so
 * both places are read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { Problem } from './errors.js';

/** The oldest `@forge/api` major the simulation works with (verified: 5.0.0, 5.1.0, 6.0.0, 7.0.0, 8.0.1, 8.3.0). */
export const OLDEST_FORGE_API_MAJOR = 5;

const versionAt = (packageJson: string): string | undefined => {
  try {
    const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
};

/** The package.json of `name` as Node resolves it from `fromDir`, or undefined. */
const resolvePackageJson = (name: string, fromDir: string): string | undefined => {
  try {
    return createRequire(join(fromDir, 'noop.js')).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
};

/** Every `@forge/api` a handler of `appDir` may load: the app's, and the one nested in its `@forge/events`. */
export const forgeApiCopies = (appDir: string): { path: string; version: string }[] => {
  const copies: { path: string; version: string }[] = [];
  const own = resolvePackageJson('@forge/api', appDir);
  const events = resolvePackageJson('@forge/events', appDir);
  const nested = events === undefined ? undefined : join(dirname(events), 'node_modules', '@forge', 'api', 'package.json');
  for (const path of [own, nested]) {
    if (path === undefined || !existsSync(path)) continue;
    const version = versionAt(path);
    if (version !== undefined) copies.push({ path, version });
  }
  return copies;
};

/**
 * A problem for each `@forge/api` older than 5.0 the app would load.
 *
 * @example
 * forgeApiProblems('/apps/legacy') // [{ what: '@forge/api 2.22.1 (node_modules/@forge/api) is older than 5.0, ...', fix: 'npm i @forge/api@latest' }]
 */
export const forgeApiProblems = (appDir: string): Problem[] =>
  forgeApiCopies(appDir).flatMap(({ path, version }) => {
    const major = Number(version.split('.')[0]);
    if (!Number.isInteger(major) || major >= OLDEST_FORGE_API_MAJOR) return [];
    const where = relative(appDir, dirname(path)) || dirname(path);
    const inEvents = where.includes(join('@forge', 'events'));
    return [
      {
        what: `@forge/api ${version} (${where}) is older than ${OLDEST_FORGE_API_MAJOR}.0, which the simulated Forge runtime needs; its handlers would fail at their first request`,
        fix: inEvents ? 'npm i @forge/api@latest @forge/events@latest (the old @forge/events brings its own @forge/api)' : 'npm i @forge/api@latest',
      },
    ];
  });
