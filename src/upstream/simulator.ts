/**
 * The interface every surface simulator exports. The simulation looks a request's surface up in
 * `surfaces.ts` and asks its simulator two things: what the request means (and how to carry it out),
 * and how a planned failure reads on that surface.
 */
import type { Principal, UpstreamSurface } from '../../models/trace.js';
import type { VirtualMs } from '../../models/time.js';
import type { FailureStatus } from '../scenario/types.js';
import type { HttpAnswer } from './answer.js';
import type { DefaultsState } from './defaults.js';
import type { UpstreamFixture } from './fixtures.js';
import type { PreparedRequest } from './prepared.js';
import type { PlatformState } from './platform-state.js';
import type { SqlRunState } from './sql-database.js';
import type { KeyValueStore } from './store.js';
import type { World } from '../world/index.js';

/** A request as the runtime hands it over. */
export interface IncomingRequest {
  readonly surface: UpstreamSurface;
  /** Set when the runtime could not place the call: what it was. */
  readonly unsupported?: string;
  /** For a call the harness knows it refuses: what the user can do. */
  readonly unsupportedFix?: string;
  readonly method: string;
  /** Product path with query, or the full URL for external requests. */
  readonly path: string;
  readonly url?: string;
  /** Names in lower case. */
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Earlier requests whose answers the handler had not received yet (recorded as `RequestRecord.inFlight`). */
  readonly inFlight?: readonly number[];
  /** Who the call was made as, when not the app's default. */
  readonly principal?: Principal;
}

/** What a simulator may use: the run's state (persisting across deliveries) and the current delivery. */
export interface SimulationContext {
  /** The 1-based delivery the request belongs to. */
  readonly delivery: number;
  readonly now: () => VirtualMs;
  readonly store: KeyValueStore;
  readonly fixture: UpstreamFixture | undefined;
  readonly fixtureState: Map<string, unknown>;
  readonly counters: DefaultsState;
  /** What the platform services remember within the run (queue jobs, web trigger URLs). */
  readonly platform: PlatformState;
  /** The run's Forge SQL database, opened on the first SQL request. */
  readonly sql: SqlRunState;
  /** The run's simulated Jira and Confluence. */
  readonly world?: World;
}

/** A simulated surface. */
export interface SurfaceSimulator {
  /** Parses a request; nothing happens until the simulation applies it. */
  prepare(request: IncomingRequest, ctx: SimulationContext): PreparedRequest;
  /**
   * The answer to a planned 429/5xx: the surface's own error format, so that the SDK in front of it
   * raises its own error class, with the headers that surface really sends (only the product APIs send
   * Jira's rate-limit headers; a KVS or SQL 429 has none).
   */
  failure(status: FailureStatus, headers: Readonly<Record<string, string>>): HttpAnswer;
  /**
   * Undefined when the surface can answer now, else a promise that settles when it can (the SQL engine
   * compiles its WebAssembly once per process). The runtime waits for it before serving the request.
   */
  ready?(): Promise<void> | undefined;
}
