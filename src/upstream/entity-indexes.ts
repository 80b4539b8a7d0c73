/**
 * The indexes of custom entities. On Forge they are declared in `manifest.yml` under
 * `app.storage.entities` (@forge/manifest 13.7.0 schema: an index is an attribute name, or
 * `{ name, range, partition? }`), and a query names one. The harness reads them from the
 * `manifest.yml` of the working directory (where the CLI and a test runner usually start), once per
 * process; for an entity the manifest does not declare, an index named after an attribute is taken to
 * range over that attribute, as the short form declares it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One index: equality on the partition attributes, order and range conditions on the range attributes. */
export interface EntityIndex {
  readonly partition: readonly string[];
  readonly range: readonly string[];
  /** Where the definition came from, for messages. */
  readonly source: 'manifest' | 'index name';
}

/** Why an index could not be resolved. */
export interface UnknownIndex {
  readonly unknown: string;
}

/** Looks an entity's index up. */
export type EntityIndexes = (entityName: string, indexName: string) => EntityIndex | UnknownIndex;

type Declared = ReadonlyMap<string, ReadonlyMap<string, EntityIndex>>;

const declaredIn = (manifest: unknown): Declared => {
  const entities = (manifest as { app?: { storage?: { entities?: unknown } } } | null)?.app?.storage?.entities;
  const out = new Map<string, Map<string, EntityIndex>>();
  if (!Array.isArray(entities)) return out;
  for (const entity of entities as { name?: unknown; indexes?: unknown }[]) {
    const indexes = new Map<string, EntityIndex>();
    for (const index of Array.isArray(entity.indexes) ? (entity.indexes as unknown[]) : []) {
      if (typeof index === 'string') indexes.set(index, { partition: [], range: [index], source: 'manifest' });
      else if (index !== null && typeof index === 'object') {
        const { name, range, partition } = index as { name?: unknown; range?: unknown; partition?: unknown };
        indexes.set(String(name), {
          partition: Array.isArray(partition) ? partition.map(String) : [],
          range: Array.isArray(range) ? range.map(String) : [],
          source: 'manifest',
        });
      }
    }
    out.set(String(entity.name), indexes);
  }
  return out;
};

const cache = new Map<string, Declared>();

const readDeclared = (dir: string): Declared => {
  const cached = cache.get(dir);
  if (cached !== undefined) return cached;
  const file = join(dir, 'manifest.yml');
  let declared: Declared = new Map();
  try {
    if (existsSync(file)) declared = declaredIn(parse(readFileSync(file, 'utf8')));
  } catch {
    // An unreadable manifest declares nothing; the CLI reports a broken manifest on its own.
  }
  cache.set(dir, declared);
  return declared;
};

/**
 * Entity indexes from a parsed manifest (or none), falling back to an index named after an attribute.
 *
 * @example
 * const indexes = entityIndexesFrom({ app: { storage: { entities: [{ name: 'task', indexes: ['status'] }] } } });
 * indexes('task', 'status') // { partition: [], range: ['status'], source: 'manifest' }
 */
export const entityIndexesFrom = (manifest: unknown): EntityIndexes => resolverFor(declaredIn(manifest));

const resolverFor =
  (declared: Declared): EntityIndexes =>
  (entityName, indexName) => {
    const indexes = declared.get(entityName);
    if (indexes === undefined) return { partition: [], range: [indexName], source: 'index name' };
    return (
      indexes.get(indexName) ?? {
        unknown: `index "${indexName}" of custom entity "${entityName}", which manifest.yml does not declare (it declares ${[...indexes.keys()].map((n) => `"${n}"`).join(', ') || 'none'})`,
      }
    );
  };

/**
 * The entity indexes of the app in the working directory.
 *
 * @example
 * workingDirectoryIndexes()('employee', 'by-age')
 */
export const workingDirectoryIndexes: EntityIndexes = (entityName, indexName) => resolverFor(readDeclared(process.cwd()))(entityName, indexName);
