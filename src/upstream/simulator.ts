/**
 * The interface every surface simulator exports. The simulation looks a request's surface up in
 * `surfaces.ts` and asks its simulator two things: what the request means (and how to carry it out),
 * and how a planned failure reads on that surface.
 */
import type { UpstreamSurface } from '../../models/trace.js';
import type { VirtualMs } from '../../models/time.js';
import type { DefaultsState } from './defaults.js';
import type { UpstreamFixture } from './fixtures.js';
import type { PreparedRequest } from './prepared.js';
import type { KeyValueStore } from './store.js';

/** A request as the runtime hands it over. */
export interface IncomingRequest {
  readonly surface: UpstreamSurface;
  /** Set when the runtime could not place the call: what it was. */
  readonly unsupported?: string;
  readonly method: string;
  /** Product path with query, or the full URL for external requests. */
  readonly path: string;
  readonly url?: string;
  /** Names in lower case. */
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Earlier requests whose answers the handler had not received yet (recorded as `RequestRecord.inFlight`). */
  readonly inFlight?: readonly number[];
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
}

/** A simulated surface. */
export interface SurfaceSimulator {
  /** Parses a request; nothing happens until the simulation applies it. */
  prepare(request: IncomingRequest, ctx: SimulationContext): PreparedRequest;
  /**
   * The body of a planned 429/5xx, in the surface's own error format, so that the SDK in front of it
   * raises its own error class.
   */
  failureBody(status: number, message: string): unknown;
}
