/**
 * How each surface is reached and which simulator answers it. The facts the properties need (family,
 * whether it is simulated) are in `models/surfaces.ts`; this table is keyed by the same names and is
 * total, so a new surface is its simulator's file plus one line here (and one there), and the compiler
 * names whichever is missing. Reaches follow docs/platform.md "How the SDKs reach the platform".
 */
import type { UpstreamSurface } from '../../models/trace.js';
import { APP_EVENTS_PATH, appEventsSimulator } from './app-events.js';
import { externalSimulator } from './external-fetch.js';
import { GRAPHQL_PATH, graphSimulator } from './graph.js';
import { kvsSimulator } from './kvs.js';
import { LEGACY_STORAGE_PATH, legacyStorageSimulator } from './legacy-storage.js';
import { confluenceSimulator, jiraSimulator, productSimulator } from './product-http.js';
import { QUEUE_PREFIX, queueSimulator } from './queue.js';
import type { SurfaceSimulator } from './simulator.js';
import { sqlSimulator } from './sql.js';
import { unsupportedSimulator } from './unsupported.js';
import { WEB_TRIGGER_FIELDS, webTriggerSimulator } from './web-trigger.js';

/** How a handler's call reaches a surface. */
export type Reach =
  /** `__forge_fetch__({ type }, ...)`, as @forge/kvs and @forge/sql call it. */
  | { readonly via: 'service'; readonly type: string }
  /** `__forge_fetch__({ type: 'fpp', remote }, ...)`: a product's REST API. */
  | { readonly via: 'product'; readonly remote: string }
  /**
   * `__forge_fetch__({ type: 'fpp', remote: 'stargate' }, path)`: a path on the gateway, exactly or with
   * anything below it; `label` names it in the refusal of other gateway paths.
   */
  | { readonly via: 'gateway'; readonly path: string; readonly below: boolean; readonly label?: string }
  /**
   * `POST path` on the gateway whose GraphQL document selects one of `fields` first (web trigger URLs
   * are GraphQL mutations on `/graphql`, yet not GraphQL effects).
   */
  | { readonly via: 'graphql-field'; readonly path: string; readonly fields: readonly string[] }
  /** Node's fetch (`api.fetch`, global `fetch`), intercepted at undici's global dispatcher. */
  | { readonly via: 'node-fetch' }
  /** Whatever no other reach claims. */
  | { readonly via: 'fallback' };

/** One surface's line: how it is reached, and its simulator. */
export interface SurfaceEntry {
  readonly reach: Reach;
  readonly simulator: SurfaceSimulator;
}

/** Every surface's line. */
export const SURFACES = {
  jira: { reach: { via: 'product', remote: 'jira' }, simulator: jiraSimulator },
  confluence: { reach: { via: 'product', remote: 'confluence' }, simulator: confluenceSimulator },
  bitbucket: { reach: { via: 'product', remote: 'bitbucket' }, simulator: productSimulator },
  graph: { reach: { via: 'gateway', path: GRAPHQL_PATH, below: true }, simulator: graphSimulator },
  external: { reach: { via: 'node-fetch' }, simulator: externalSimulator },
  kvs: { reach: { via: 'service', type: 'kvs' }, simulator: kvsSimulator },
  storage: { reach: { via: 'gateway', path: LEGACY_STORAGE_PATH, below: false }, simulator: legacyStorageSimulator },
  sql: { reach: { via: 'service', type: 'sql' }, simulator: sqlSimulator },
  queue: { reach: { via: 'gateway', path: QUEUE_PREFIX, below: true, label: 'Queue' }, simulator: queueSimulator },
  'app-events': { reach: { via: 'gateway', path: APP_EVENTS_PATH, below: false, label: 'appEvents.publish' }, simulator: appEventsSimulator },
  'web-trigger': { reach: { via: 'graphql-field', path: GRAPHQL_PATH, fields: WEB_TRIGGER_FIELDS }, simulator: webTriggerSimulator },
  unsupported: { reach: { via: 'fallback' }, simulator: unsupportedSimulator },
} as const satisfies { readonly [S in UpstreamSurface]: SurfaceEntry };

/** The surfaces' lines in table order, for looking a call up by its reach. */
export const SURFACE_ENTRIES = Object.entries(SURFACES) as readonly [UpstreamSurface, SurfaceEntry][];

/**
 * The simulator of a surface.
 *
 * @example
 * simulatorOf('kvs') === kvsSimulator // true
 */
export const simulatorOf = (surface: UpstreamSurface): SurfaceSimulator => SURFACES[surface].simulator;
