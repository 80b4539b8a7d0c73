import { REACH_RETRY } from './support/supply.js';
import { transitRetryData } from '../models/retry-data.js';
import { PASS, defineProperty } from './types.js';

/** The `retry-data-round-trips` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const retryDataRoundTrips = defineProperty({
  id: 'retry-data-round-trips',
  summary: 'retryData is a plain object (or a value the platform sends), under 4 KB, equal to its JSON round trip',
  doc:
    'retryData is a plain object (or absent), under the 4 KB limit as JSON, and equal to its own JSON round trip. ' +
    'The platform carries it as JSON: Dates come back as strings, undefined members vanish, Map and Set become ' +
    '{}, class instances lose their prototype, BigInt, functions and cycles cannot be sent at all, and a ' +
    'non-object is not sent (ECO-734; marked fixed in 2025, so the rule nonObjectRetryData decides: where it is ' +
    'sent, it is judged like an object). retryData is judged as the handler returned it, resolver consumers ' +
    'included (@forge/resolver turns the result into JSON first). A handler that relies on any of these reads ' +
    'something else on the retry than it wrote.',
  rule: 'retryData crosses the platform as JSON, at most 4 KB; a non-object is not sent (ECO-734, rule nonObjectRetryData)',
  regimes: ['product-event', 'async-event', 'resolver-consumer'],
  judged: (trace) => trace.deliveries.some((d) => d.outcome.kind === 'app-retry' && d.outcome.request.hasRetryData),
  unjudged: { reason: 'no retry ever carried retryData', supply: REACH_RETRY },
  check: (trace) => {
    const sendsNonObjects = trace.rules.nonObjectRetryData === 'send-data';
    for (const d of trace.deliveries) {
      if (d.outcome.kind !== 'app-retry' || !d.outcome.request.hasRetryData) continue;
      const data = d.outcome.request.retryData;
      const transit = transitRetryData(data, true);
      const fail = (message: string, received: string, hint: string) =>
        ({ kind: 'fail', delivery: d.number, message, expected: 'a plain JSON object under the size limit', received, hint }) as const;
      const sent = transit.kind === 'sent' ? transit : transit.kind === 'not-an-object' && sendsNonObjects ? transit.json : undefined;
      switch (transit.kind) {
        case 'absent':
          continue;
        case 'not-an-object':
          if (sent !== undefined) break;
          return fail(
            `retryData is ${transit.type}, which the platform does not send`,
            `retryData of type ${transit.type}`,
            'wrap the value in an object: retryData: { value }',
          );
        case 'unserialisable':
          return fail(
            `retryData cannot be sent as JSON (${transit.why})`,
            transit.losses.map((l) => `${l.path}: ${l.what}`).join('; ') || transit.why,
            'keep retryData to strings, numbers, booleans, arrays and plain objects',
          );
        case 'sent':
          break;
      }
      if (sent === undefined) continue;
      if (sent.bytes > trace.rules.maxRetryDataBytes) {
        return fail(
          `retryData is ${sent.bytes} bytes of JSON, over the ${trace.rules.maxRetryDataBytes}-byte limit`,
          `${sent.bytes} bytes`,
          'keep only identifiers in retryData and re-read the rest on the retry',
        );
      }
      if (sent.losses.length === 0) continue;
      return fail(
        `retryData does not survive the JSON round trip`,
        sent.losses
          .slice(0, 5)
          .map((l) => `${l.path}: ${l.what}`)
          .join('; '),
        'convert Dates to ISO strings, Maps/Sets to arrays or objects, and drop undefined members before returning',
      );
    }
    return PASS;
  },
});
