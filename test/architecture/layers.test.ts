/**
 * The layers point one way. Each folder may import only the folders listed before it (and itself):
 * the model knows nothing of the harness, the properties know only the model, and inside `src/` the
 * front doors (`api/`, `cli/`, the entry files) sit on top of the runner, which sits on the runtime.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bottom first. A folder may import any folder before it in this list. */
const LAYERS = [
  'models',
  'properties',
  'src/messages',
  'src/payloads',
  'src/scenario',
  'src/world',
  'src/upstream',
  'src/runtime',
  'src/report',
  'src/runner',
  'src/api',
  'src/cli',
  'src', // the entry files: index.ts, vitest.ts
] as const;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });

/** The layer a repository path belongs to: the longest listed folder that contains it. */
const layerOf = (path: string): string | undefined => {
  const rel = relative(repo, path).split('\\').join('/');
  const dir = dirname(rel);
  if (dir === 'src') return 'src';
  return [...LAYERS].filter((l) => l !== 'src').find((l) => dir === l || dir.startsWith(`${l}/`)) ?? (rel.startsWith('src/') ? `unlisted:${dir}` : undefined);
};

const importsOf = (file: string): string[] =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]/gm,
    ),
  ].map((m) => resolve(dirname(file), (m[1] ?? m[2] ?? m[3])!));

const edges = (): { from: string; to: string; file: string }[] =>
  ['models', 'properties', 'src'].flatMap((root) =>
    filesUnder(join(repo, root)).flatMap((file) => {
      const from = layerOf(file)!;
      return importsOf(file).map((target) => ({ from, to: layerOf(target) ?? `outside:${relative(repo, target)}`, file: relative(repo, file) }));
    }),
  );

describe('layers', () => {
  it('every source folder is a listed layer', () => {
    const unlisted = edges().filter((e) => e.from.startsWith('unlisted:'));
    expect(unlisted.map((e) => e.file)).toEqual([]);
  });

  it('every import points down or stays in its folder', () => {
    const order = LAYERS as readonly string[];
    const upward = edges()
      .filter((e) => e.from !== e.to)
      .filter((e) => !order.includes(e.to) || order.indexOf(e.to) > order.indexOf(e.from))
      .map((e) => `${e.file} (${e.from}) imports ${e.to}`);
    expect(upward).toEqual([]);
  });

  it('models/ imports nothing outside models/, and properties/ only models/', () => {
    const bad = edges().filter((e) => (e.from === 'models' && e.to !== 'models') || (e.from === 'properties' && !['models', 'properties'].includes(e.to)));
    expect(bad).toEqual([]);
  });

  it('would catch an upward import', () => {
    // The check itself must be able to fail: a properties file reaching into src/ is upward.
    const order = LAYERS as readonly string[];
    expect(order.indexOf('src/runner')).toBeGreaterThan(order.indexOf('properties'));
    expect(layerOf(join(repo, 'src/runner/drive.ts'))).toBe('src/runner');
    expect(layerOf(join(repo, 'properties/support/requests.ts'))).toBe('properties');
    expect(layerOf(join(repo, 'src/index.ts'))).toBe('src');
  });
});
