import { kindOf, renderValue } from '../models/render-value.js';
import type { DeliveryRecord } from '../models/trace.js';
import { deadlinesOf, type Deadline } from './support/requests.js';
import { PASS, defineProperty, type Verdict } from './types.js';

/**
 * The longest wait an upstream asks for: Jira's and Confluence's hourly points quota resets at the top
 * of the UTC hour, so its Retry-After reaches 3600 s (docs/platform.md, `maxRetryAfterSeconds`). A
 * seconds value up to this is always plausible, whatever the delivery received.
 */
const LONGEST_PLAUSIBLE_SECONDS = 3600;
const MS_PER_SECOND = 1000;
/** "About 1000 times": milliseconds of the wait, give or take 10 % of jitter and a second of rounding. */
const SLACK = 0.1;

/** A received wait whose value in milliseconds `retryAfter` matches, if any. */
const millisecondsOf = (retryAfter: number, d: DeliveryRecord): Deadline | undefined =>
  deadlinesOf(d).find((x) => {
    // Delta-seconds give exactly 1000 x the header; a date measured later gives less, down to what
    // remained when the handler returned.
    const atReceipt = (x.until - x.request.at) / MS_PER_SECOND;
    const atReturn = Math.max(0, (x.until - d.endedAt) / MS_PER_SECOND);
    return atReceipt > 0 && retryAfter >= (1 - SLACK) * atReturn * MS_PER_SECOND && retryAfter <= (1 + SLACK) * atReceipt * MS_PER_SECOND + MS_PER_SECOND;
  });

const unitsSlip = (retryAfter: number, d: DeliveryRecord): Verdict => {
  if (retryAfter <= LONGEST_PLAUSIBLE_SECONDS) return PASS;
  const matched = millisecondsOf(retryAfter, d);
  const beyond = retryAfter >= LONGEST_PLAUSIBLE_SECONDS * MS_PER_SECOND;
  if (matched === undefined && !beyond) return PASS;
  const seconds = Math.round(retryAfter / MS_PER_SECOND);
  return {
    kind: 'fail',
    delivery: d.number,
    ...(matched !== undefined ? { request: matched.request.seq } : {}),
    message:
      matched !== undefined
        ? `retryAfter ${retryAfter} is the wait in milliseconds: about 1000 times the ${matched.header} the delivery received`
        : `retryAfter ${retryAfter} is more than 1000 times the longest wait an upstream asks for (${LONGEST_PLAUSIBLE_SECONDS} s): milliseconds, not seconds`,
    expected: `seconds (about ${seconds})`,
    received: `retryAfter: ${retryAfter} (${(retryAfter / 3600).toFixed(1)} h read as seconds)`,
    hint: 'retryAfter is in seconds: pass Retry-After as it is (or (Date.parse(date) - Date.now()) / 1000), and divide a backoff in ms by 1000',
  };
};

/** The `retry-after-valid` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const retryAfterValid = defineProperty({
  id: 'retry-after-valid',
  summary: 'a requested retryAfter is a finite number of seconds: not NaN, a string, or milliseconds',
  doc:
    'A requested retryAfter is a finite number of seconds. NaN (what parseInt makes of an HTTP-date), strings and ' +
    'Infinity no longer say when to retry, and NaN arrives as null. Values above 900 are fine: the platform ' +
    'lowers them to 900, and passing a Retry-After of 2000 or 3600 from the hourly points quota straight through ' +
    'is correct. What is judged is a units slip, milliseconds for seconds, by one of two rules: a value above ' +
    '3600 (the longest wait an upstream asks for) that is about 1000 times a wait the delivery received ' +
    '(Retry-After, or X-RateLimit-Reset on a 429 without it: between 0.9 times what remained at the return and ' +
    '1.1 times the wait at receipt, plus one second, times 1000), or a value of 3,600,000 or more (1000 times ' +
    'the longest plausible wait) whatever the delivery received. A large backoff computed in milliseconds that ' +
    'matches neither rule could be seconds someone meant, so it is not judged. Values <= 0 are fine: the SDK ' +
    'raises them to 1. A retry request without retryAfter is not judged.',
  rule: 'retryAfter is seconds; above 900 it is lowered to 900 (async-events limits); NaN becomes null in JSON',
  regimes: ['product-event', 'async-event'],
  check: (trace, _settings) => {
    for (const d of trace.deliveries) {
      if (d.outcome.kind !== 'app-retry') continue;
      const { retryAfter } = d.outcome.request;
      if (retryAfter === undefined) continue;
      if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) {
        const slip = unitsSlip(retryAfter, d);
        if (slip.kind === 'fail') return slip;
        continue;
      }
      const received = renderValue(retryAfter);
      return {
        kind: 'fail',
        delivery: d.number,
        message: `retryAfter ${received} is not a number of seconds`,
        expected: 'a finite number of seconds',
        received: `retryAfter: ${received} (${kindOf(retryAfter)})`,
        hint:
          retryAfter === Number.POSITIVE_INFINITY
            ? `cap the delay at a number: Math.min(seconds, ${trace.rules.maxRetryAfterSeconds})`
            : 'parse Retry-After as delta-seconds or an HTTP-date (Date.parse(value) - Date.now()), and fall back to a backoff when it is missing or malformed',
      };
    }
    return PASS;
  },
});
