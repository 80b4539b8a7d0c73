import { REACH_REAL_PATH } from './support/supply.js';
import { effectIdentity, operationCall } from '../models/operations.js';
import { surfaceFamily, type SurfaceFamily } from '../models/surfaces.js';
import type { RequestRecord } from '../models/trace.js';
import { formatOffset } from '../models/time.js';
import { executedOperation, isDeclaredIdempotent } from './support/graphql-operation.js';
import type { PropertySettings } from './types.js';
import { PASS, defineProperty } from './types.js';

/**
 * What makes a request the same effect again, or undefined when it is not an effect. `body` is the
 * body as sent, or with the ids the handler drew at random masked (`RequestRecord.effectBody`).
 */
type EffectIdentity = (r: RequestRecord, settings: PropertySettings, body: string | undefined) => string | undefined;

const byMethod: EffectIdentity = (r, settings, body) => {
  if (!settings.nonIdempotentMethods.includes(r.method)) return undefined;
  if (r.requestHeaders?.['idempotency-key'] !== undefined) return undefined;
  const bare = r.path.split('?')[0] ?? r.path;
  if (settings.readOnlyPaths.some((p) => p.test(bare))) return undefined;
  return `${r.method} ${r.path} ${body ?? ''}`;
};

// A GraphQL request is an effect when the operation it runs is a mutation the settings do not name
// idempotent; a body whose operation cannot be told (unreadable, or several operations and no
// operationName, which a server refuses) is not judged.
const byOperation: EffectIdentity = (r, settings, body) => {
  const operation = executedOperation(r.body);
  if (operation?.type !== 'mutation' || isDeclaredIdempotent(operation, settings.idempotentMutations)) return undefined;
  return `GraphQL ${body ?? ''}`;
};

/**
 * Effects judged by meaning, per surface family: product and external calls by method (POST by
 * default) unless they carry an Idempotency-Key or hit a read-only endpoint; GraphQL by operation (a
 * mutation, read from the parsed document, unless settings name it idempotent); platform services and storage by their
 * recorded operation, which the catalog marks as an effect or not (a second `Queue.push` is a second job, a second
 * row-adding INSERT a second row, while setting or deleting a key to the same value is idempotent).
 */
const EFFECT_IDENTITY: Record<SurfaceFamily, EffectIdentity> = {
  product: byMethod,
  external: byMethod,
  graph: byOperation,
  effect: ({ operation: op }) => (op === undefined ? undefined : effectIdentity(op)),
  storage: ({ operation: op }) => (op === undefined ? undefined : effectIdentity(op)),
  unknown: () => undefined,
};

const effectKey = (r: RequestRecord, settings: PropertySettings, body: string | undefined): string | undefined => {
  if (r.effect !== 'applied') return undefined;
  if (r.response.kind === 'http' && r.response.status >= 400) return undefined;
  if (r.response.kind === 'network-error') return undefined;
  return EFFECT_IDENTITY[surfaceFamily(r.surface)](r, settings, body);
};

/**
 * The request an effect repeats, if any. Within one delivery only the body as sent counts: two
 * records that differ in a random id the handler drew are two things it meant to create. Across
 * deliveries the random ids are masked: a retry draws new ones, and still creates the same thing again.
 */
const repeated = (
  seen: Map<string, RequestRecord>,
  seenMasked: Map<string, RequestRecord>,
  r: RequestRecord,
  settings: PropertySettings,
): RequestRecord | undefined => {
  const exact = effectKey(r, settings, r.body);
  if (exact === undefined) return undefined;
  const masked = r.effectBody === undefined ? exact : effectKey(r, settings, r.effectBody);
  const first = seen.get(exact) ?? (masked === undefined ? undefined : seenMasked.get(masked));
  const again = first !== undefined && (seen.get(exact) === first || first.delivery !== r.delivery) ? first : undefined;
  if (!seen.has(exact)) seen.set(exact, r);
  if (masked !== undefined && !seenMasked.has(masked)) seenMasked.set(masked, r);
  return again;
};

/** The `no-duplicate-effects` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const noDuplicateEffects = defineProperty({
  id: 'no-duplicate-effects',
  summary: 'no non-idempotent request (POST, GraphQL mutation, Queue.push) takes effect twice for one event',
  doc:
    'Across all deliveries of one event, no non-idempotent request (POST to a product or external service, a ' +
    'GraphQL mutation, Queue.push) takes effect twice with the same method, path and body (across deliveries, ' +
    'with the ids the handler drew at random masked: a retry draws new ones). Delivery is at least ' +
    'once and a timeout can strike after a request took effect but before the handler recorded it, so an effect ' +
    'must be guarded by something that survives both: a check of the upstream before creating, an idempotent ' +
    'operation (PUT), or an Idempotency-Key the service honours. A GraphQL request counts when the operation it ' +
    'runs is a mutation, read from the parsed document (a comment or a fragment before it does not hide it), ' +
    'unless settings.idempotentMutations names the operation or all its root fields. KVS, legacy storage and SQL ' +
    'calls are judged by meaning: setting or deleting a key is idempotent.',
  rule: 'delivery is at least once (EAP announcement); timeouts are retried even when the request took effect',
  regimes: ['product-event', 'async-event', 'resolver-consumer'],
  judged: (trace, settings) =>
    trace.deliveries.some((d, i) => i < trace.deliveries.length - 1 && d.requests.some((r) => effectKey(r, settings, r.body) !== undefined)),
  unjudged: { reason: 'no effect (POST, GraphQL mutation, Queue.push) took place before a redelivery', supply: REACH_REAL_PATH },
  check: (trace, settings) => {
    const seen = new Map<string, RequestRecord>();
    const seenMasked = new Map<string, RequestRecord>();
    for (const d of trace.deliveries) {
      for (const r of d.requests) {
        const first = repeated(seen, seenMasked, r, settings);
        if (first === undefined) continue;
        const what = (r.operation === undefined ? null : operationCall(r.operation)) ?? `${r.method} ${r.path}`;
        return {
          kind: 'fail',
          delivery: d.number,
          request: r.seq,
          message: `${what} took effect twice for one event`,
          expected: `once (first: delivery ${first.delivery}, request ${first.seq}, ${formatOffset(first.at, trace.startedAt)}${first.response.kind === 'lost' ? ', response lost' : ''})`,
          received: `again on delivery ${d.number} (${d.kind}), request ${r.seq}, ${formatOffset(r.at, trace.startedAt)}`,
          hint: 'check the upstream before creating (search for a marker you add), use an idempotent PUT, or send an Idempotency-Key',
        };
      }
    }
    return PASS;
  },
});
