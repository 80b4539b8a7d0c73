import { kindOf, renderValue } from '../models/render-value.js';
import type { DeliveryRecord } from '../models/trace.js';
import { deadlinesOf, type Deadline } from './support/requests.js';
import { PASS, defineProperty, type Verdict } from './types.js';

/**
 * The longest wait an upstream asks for: Jira's and Confluence's hourly points quota resets at the top
 * of the UTC hour, so its Retry-After reaches 3600 s (docs/platform.md, `maxRetryAfterSeconds`). A
 * seconds value up to this is always plausible, whatever the delivery received.
 */
const LONGEST_UPSTREAM_WAIT_SECONDS = 3600;
/**
 * The longest any event lives: an async event's retention window extended under platform degradation,
 * 96 h (docs/platform.md, `retentionWindowMs`); a product event lives shorter. No wait beyond it can be
 * meant, so 1000 times it is milliseconds (or an epoch timestamp) whatever the delivery received.
 */
const LONGEST_EVENT_LIFE_SECONDS = 96 * 3600;
const MS_PER_SECOND = 1000;
/** A string that is a number already (`'30'`): the fix is Number(), not parsing a header; an HTTP-date string needs parsing. */
const NUMERIC_TEXT = /^\s*-?\d+(?:\.\d+)?\s*$/;

/**
 * A received wait whose value in milliseconds `retryAfter` is, to the second: delta-seconds times 1000
 * exactly, or a date measured in ms at any moment between receipt and return. A backoff of the
 * handler's own that lands there by chance would have to be a thousand times what was asked for.
 */
const millisecondsOf = (retryAfter: number, d: DeliveryRecord): Deadline | undefined =>
  deadlinesOf(d).find((x) => {
    const atReceipt = x.until - x.request.at;
    const atReturn = Math.max(0, x.until - d.endedAt);
    return atReceipt > 0 && retryAfter >= atReturn - MS_PER_SECOND && retryAfter <= atReceipt + MS_PER_SECOND;
  });

/**
 * True when `retryAfter`, read as seconds, is one of the waits the delivery received (to the second): then
 * it is that wait passed through, even if it also happens to be 1000 times another one.
 */
const isReceivedWaitInSeconds = (retryAfter: number, d: DeliveryRecord): boolean =>
  deadlinesOf(d).some((x) => {
    const atReceipt = (x.until - x.request.at) / MS_PER_SECOND;
    const atReturn = Math.max(0, x.until - d.endedAt) / MS_PER_SECOND;
    return retryAfter >= atReturn - 1 && retryAfter <= atReceipt + 1;
  });

const formatSeconds = (s: number): string =>
  s >= 86_400 * 365 ? `${(s / (86_400 * 365)).toFixed(1)} years` : s >= 86_400 ? `${(s / 86_400).toFixed(1)} days` : `${(s / 3600).toFixed(1)} h`;

const unitsSlip = (retryAfter: number, d: DeliveryRecord): Verdict => {
  if (retryAfter <= LONGEST_UPSTREAM_WAIT_SECONDS) return PASS;
  const matched = millisecondsOf(retryAfter, d);
  const beyond = retryAfter >= LONGEST_EVENT_LIFE_SECONDS * MS_PER_SECOND;
  if (matched === undefined && !beyond) return PASS;
  if (!beyond && isReceivedWaitInSeconds(retryAfter, d)) return PASS;
  const seconds = Math.round(retryAfter / MS_PER_SECOND);
  return {
    kind: 'fail',
    delivery: d.number,
    ...(matched !== undefined ? { request: matched.request.seq } : {}),
    message:
      matched !== undefined
        ? `retryAfter ${retryAfter} is the wait in milliseconds: 1000 times the ${matched.header} the delivery received`
        : `retryAfter ${retryAfter} is more than 1000 times the longest an event lives (96 h): milliseconds or a timestamp, not seconds`,
    expected: `seconds (about ${seconds})`,
    received: `retryAfter: ${retryAfter} (${formatSeconds(retryAfter)} read as seconds)`,
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
    '3600 (the longest wait an upstream asks for) that is, to the second, a wait the delivery received read in ' +
    'milliseconds (Retry-After times 1000, or an HTTP-date or the X-RateLimit-Reset of a 429 without Retry-After ' +
    'measured in ms between receipt and return); or a value of 345,600,000 or more (1000 times the 96 hours an ' +
    'event can live at most, so no wait that long is meant: milliseconds or an epoch timestamp) whatever the ' +
    'delivery received. A backoff computed in milliseconds that matches neither rule could be seconds someone ' +
    'meant (the platform lowers it to 900 either way), so it is not judged. Values <= 0 are fine: the SDK raises ' +
    'them to 1. A retry request without retryAfter is not judged.',
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
            : typeof retryAfter === 'string' && NUMERIC_TEXT.test(retryAfter)
              ? `pass a number of seconds, not a string: retryAfter: Number(${received}) (the platform does not read a string)`
              : 'parse Retry-After as delta-seconds or an HTTP-date (Date.parse(value) - Date.now()), and fall back to a backoff when it is missing or malformed',
      };
    }
    return PASS;
  },
});
