/**
 * Request latency in virtual time (docs/platform.md#requestlatency). Atlassian publishes no latency for
 * product REST, GraphQL, egress or the storage services, so every number here is an assumption (basis U),
 * chosen to be plausible and bounded: each delivery draws a latency profile, and each request's latency
 * follows from the profile and the request's position, so a scenario stays small, shrinks towards no
 * latency and replays byte for byte.
 *
 * The bounds are what keeps a correct handler safe. Ordinary requests take at most 300 ms, at most two
 * requests of a delivery are slow (at most 2.5 s), storage requests take at most 20 ms: an invocation
 * that makes 60 product calls one after another, and as many storage calls, needs at most
 * 60 x 0.3 + 2 x 2.2 + 60 x 0.02 = 23.6 s, under the 25 s product-event timeout whatever the seed.
 * A timeout that only latency brings about beyond that rests on the `requestLatency` rule, and
 * robust verdicts report it as a warning naming it (src/runner/robust.ts).
 */
import fc from 'fast-check';
import type { SurfaceFamily } from '../../models/surfaces.js';

/** A delivery's latency profile. */
export interface LatencyPlan {
  /** Ordinary product, GraphQL, external and platform requests take between these, in virtual ms. */
  readonly minMs: number;
  readonly maxMs: number;
  /** Requests (1-based position in the delivery) that are slow; storage requests never are. */
  readonly slow: readonly number[];
  /** How long a slow request takes, in virtual ms. */
  readonly slowMs: number;
  /** The longest storage request (KVS, legacy storage, SQL), in virtual ms; each takes between half of it and all of it. */
  readonly storageMs: number;
}

/** How the run applies the generated latency (the `requestLatency` rule). */
export type LatencyMode = 'generated' | 'fast' | 'none';

/** One latency fact the generator rests on. */
export interface LatencyFact {
  readonly minMs: number;
  readonly maxMs: number;
  readonly basis: 'assumed';
  readonly why: string;
  readonly source: string;
}

/**
 * The latency catalog: the ranges the generator draws from, with why each is plausible. None is
 * documented by Atlassian.
 *
 * @example
 * LATENCY_FACTS.ordinary.maxMs // 300
 */
export const LATENCY_FACTS = {
  ordinary: {
    minMs: 30,
    maxMs: 300,
    basis: 'assumed',
    why: 'a Jira or Confluence Cloud REST call through the Forge gateway, or an egress call, usually answers in tens to a few hundred ms',
    source: 'docs/platform.md#requestlatency',
  },
  slow: {
    minMs: 1000,
    maxMs: 2500,
    basis: 'assumed',
    why: 'a JQL search, a busy site or a cold path can take seconds; at most two such requests per delivery',
    source: 'docs/platform.md#requestlatency',
  },
  storage: {
    minMs: 2,
    maxMs: 20,
    basis: 'assumed',
    why: 'Forge KVS and SQL sit next to the runtime and answer in milliseconds',
    source: 'docs/platform.md#requestlatency',
  },
} as const satisfies Readonly<Record<string, LatencyFact>>;

/** At most this many slow requests per delivery: what keeps 60 sequential calls under the timeout. */
export const MAX_SLOW_REQUESTS = 2;

/** Slow requests are drawn among the first this many of a delivery. */
const SLOW_AMONG = 64;

/** What the `fast` mode divides latency by: a tenth, to tell findings that need slow answers from those that do not. */
const FAST_DIVISOR = 10;

/**
 * A delivery's latency profile; shrinks towards 0 ms everywhere and no slow request.
 *
 * @example
 * fc.sample(latencyPlan(), 1)[0].maxMs <= 300 // true
 */
export const latencyPlan = (): fc.Arbitrary<LatencyPlan> =>
  fc
    .record({
      a: fc.integer({ min: 0, max: LATENCY_FACTS.ordinary.maxMs }),
      b: fc.integer({ min: 0, max: LATENCY_FACTS.ordinary.maxMs }),
      slow: fc.oneof(
        { weight: 3, arbitrary: fc.constant<number[]>([]) },
        { weight: 1, arbitrary: fc.uniqueArray(fc.integer({ min: 1, max: SLOW_AMONG }), { minLength: 1, maxLength: MAX_SLOW_REQUESTS }) },
      ),
      slowMs: fc.integer({ min: LATENCY_FACTS.slow.minMs, max: LATENCY_FACTS.slow.maxMs }),
      storageMs: fc.integer({ min: 0, max: LATENCY_FACTS.storage.maxMs }),
    })
    .map(({ a, b, slow, slowMs, storageMs }) => ({ minMs: Math.min(a, b), maxMs: Math.max(a, b), slow: [...slow].sort((x, y) => x - y), slowMs, storageMs }));

/** A fixed, well-spread fraction in [0, 1) for a request's position (the golden-ratio sequence): same position, same latency. */
const spread = (seq: number): number => (seq * 0.6180339887498949) % 1;

/**
 * How long request `seq` of a delivery takes, in whole virtual ms (0: answered within the same instant).
 *
 * @example
 * requestLatencyMs({ minMs: 100, maxMs: 100, slow: [2], slowMs: 2000, storageMs: 10 }, 'product', 2, 'generated') // 2000
 */
export const requestLatencyMs = (plan: LatencyPlan | undefined, family: SurfaceFamily, seq: number, mode: LatencyMode): number => {
  if (plan === undefined || mode === 'none') return 0;
  const fraction = spread(seq);
  const ms =
    family === 'storage' ? plan.storageMs * (0.5 + fraction / 2) : plan.slow.includes(seq) ? plan.slowMs : plan.minMs + fraction * (plan.maxMs - plan.minMs);
  return Math.round(mode === 'fast' ? ms / FAST_DIVISOR : ms);
};
