/**
 * The upstream surfaces a handler can reach, and the facts about each that the properties judge by.
 * Traces name the surface of every request, so the names live here, in the model; how each surface is
 * reached and simulated lives in `src/upstream/surfaces.ts`, keyed by the same names. Both tables are
 * total over {@link UpstreamSurface}, so a new surface does not compile until both have its line.
 */

/**
 * What a handler sees of a request decides how it is judged. `product`, `graph` and `external` are
 * HTTP: the handler reads the status and headers itself (and so can honour Retry-After). `storage`
 * (KVS, legacy storage, SQL) and `effect` (queues, app events, web trigger URLs) answer through an SDK
 * that turns failures into its own errors; their operations (`models/operations.ts`) say which calls
 * are effects (a second `Queue.push` is a second job, writing a key twice is idempotent). Storage calls
 * draw their planned failures from their own list. `unknown` is a call the harness could not place.
 */
export const SURFACE_FAMILIES = {
  product: { http: true },
  graph: { http: true },
  external: { http: true },
  storage: { http: false },
  effect: { http: false },
  unknown: { http: false },
} as const satisfies Record<string, { readonly http: boolean }>;

/** A family of surfaces. */
export type SurfaceFamily = keyof typeof SURFACE_FAMILIES;

/** The facts about one surface. */
export interface SurfaceFacts {
  readonly family: SurfaceFamily;
  /** False when the harness refuses its calls (recorded as an `unsupported-surface` issue). */
  readonly simulated: boolean;
  /** The API a handler calls to reach it, as the README and reports name it. */
  readonly api: string;
}

/** Every upstream surface, in the order reports and docs list them. */
export const SURFACE_CATALOG = {
  jira: { family: 'product', simulated: true, api: 'requestJira (@forge/api; as app, asUser(), withContext())' },
  confluence: { family: 'product', simulated: true, api: 'requestConfluence (@forge/api; as app, asUser(), withContext())' },
  bitbucket: { family: 'product', simulated: true, api: 'requestBitbucket (@forge/api; as app, asUser(), withContext())' },
  graph: { family: 'graph', simulated: true, api: 'requestGraph (@forge/api)' },
  external: { family: 'external', simulated: true, api: 'api.fetch and fetch to other hosts' },
  kvs: {
    family: 'storage',
    simulated: true,
    api: '@forge/kvs: get, set, delete, secrets (read by name: no secret query), query, entities, batches, transact; key rules (400 INVALID_KEY, KEY_TOO_LONG)',
  },
  storage: { family: 'storage', simulated: true, api: 'legacy storage (@forge/api up to 7, @forge/storage): get, set, delete, secrets, query, entities' },
  sql: {
    family: 'storage',
    simulated: true,
    api: '@forge/sql on SQLite: executeRaw, prepare, executeDDL, migrationRunner; row-adding INSERTs and increments (SET n = n + 1) are effects',
  },
  queue: { family: 'effect', simulated: true, api: 'Queue.push, getJob().getStats(), cancel (@forge/events)' },
  'app-events': { family: 'effect', simulated: true, api: 'appEvents.publish (@forge/events)' },
  'web-trigger': { family: 'effect', simulated: true, api: 'webTrigger.getUrl, deleteUrl, queryUrls (@forge/api)' },
  unsupported: { family: 'unknown', simulated: false, api: 'any other platform call' },
} as const satisfies Record<string, SurfaceFacts>;

/** An upstream surface. */
export type UpstreamSurface = keyof typeof SURFACE_CATALOG;

/** Every surface name, in catalog order. */
export const UPSTREAM_SURFACES = Object.keys(SURFACE_CATALOG) as readonly UpstreamSurface[];

/**
 * The family of a surface.
 *
 * @example
 * surfaceFamily('kvs') // 'storage'
 */
export const surfaceFamily = (surface: UpstreamSurface): SurfaceFamily => SURFACE_CATALOG[surface].family;

/**
 * True when the handler sees the surface's responses as HTTP, with status and headers.
 *
 * @example
 * isHttpSurface('graph') // true
 * isHttpSurface('kvs')   // false
 */
export const isHttpSurface = (surface: UpstreamSurface): boolean => SURFACE_FAMILIES[surfaceFamily(surface)].http;
