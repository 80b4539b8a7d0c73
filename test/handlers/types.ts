/**
 * Local stand-ins for the harness's public types, so the handler corpus compiles on its own. They mirror
 * `src/api/types.ts` and `properties/catalog.ts`; once those settle, import them from `src/index.js`.
 */

/** The ten retry-semantics properties, by stable id. */
export const PROPERTY_IDS = [
  'retry-after-valid',
  'honours-retry-after',
  'reason-valid',
  'reason-matches-cause',
  'retry-data-round-trips',
  'survives-every-delivery',
  'respects-retry-cap',
  'no-duplicate-effects',
  'no-swallowed-failures',
  'bounded-invocation',
] as const;

/** A property id. */
export type PropertyId = (typeof PROPERTY_IDS)[number];

/** A request as an upstream fixture sees it. */
export interface FixtureRequest {
  readonly surface: 'jira' | 'confluence' | 'bitbucket' | 'graph' | 'external' | 'kvs' | 'storage' | 'queue' | 'sql' | 'unsupported';
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  json(): unknown;
  readonly delivery: number;
}

/** A fixture's answer; absent members take the harness's defaults (200, JSON). */
export interface FixtureReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** Answers a request, or returns undefined to let the harness answer. `state` lives for one run. */
export type UpstreamFixture = (req: FixtureRequest, state: Map<string, unknown>) => FixtureReply | undefined;

/** The subset of check options the corpus uses. */
export interface HandlerOptions {
  readonly trigger?: 'product-event' | 'async-event';
  readonly event?: unknown;
  readonly upstream?: UpstreamFixture;
  readonly consumerShape?: 'function' | 'resolver';
  readonly functionKey?: string;
}

/** Any Forge handler: `(event, context) => unknown`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ForgeHandler = (event: any, context: any) => unknown;
