import { describe, expect, it } from 'vitest';
import { survivesEveryDelivery } from '../../properties/survives-every-delivery.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Regime } from '../../models/codes.js';
import type { Trace } from '../../models/trace.js';
import { appRetry, get, http, networkError, single, success, thrown, trace, violation, type DeliverySpec, type RequestSpec } from '../support/trace-builder.js';

const check = (t: Trace) => survivesEveryDelivery.check(t, DEFAULT_PROPERTY_SETTINGS);
const throwing = (error: unknown, regime: Regime = 'product-event', extra: Partial<DeliverySpec> = {}) =>
  single({ outcome: thrown(error), ...extra }, { regime });

const PRODUCT_HINT = 'catch failures and return InvocationError (or handle them); a thrown product-event handler loses the event';
const PLATFORM_HINT = 'platform retries (timeouts, OOM) carry retryContext without retryData: read retryContext?.retryData?.x defensively';

describe('survives-every-delivery: product events', () => {
  it('fails any throw, naming the delivery and the error', () => {
    expect(check(throwing(new Error('boom')))).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'the handler threw on delivery 1 (first)',
      expected: 'a return value (success or InvocationError)',
      received: 'threw Error: boom',
      hint: PRODUCT_HINT,
    });
  });

  it('names the retryCount of the retry that threw', () => {
    const t = trace({
      deliveries: [
        { outcome: appRetry() },
        { outcome: appRetry() },
        { outcome: thrown(new TypeError("Cannot read properties of undefined (reading 'page')")) },
      ],
    });
    const v = violation(check(t));
    expect(v.delivery).toBe(3);
    expect(v.message).toBe('the handler threw on delivery 3 (app-retry, retryCount 2)');
    expect(v.received).toBe("threw TypeError: Cannot read properties of undefined (reading 'page')");
  });

  it('points at missing retryData when a platform retry threw', () => {
    const t = trace({
      deliveries: [
        { outcome: { kind: 'platform-fault', fault: 'timeout' }, fault: { kind: 'crash-at-request', fault: 'timeout', request: 1, effect: 'not-applied' } },
        { retryContext: { retryCount: 1, retryReason: 'FUNCTION_TIME_OUT' }, outcome: thrown(new TypeError('x')) },
      ],
    });
    const v = violation(check(t));
    expect(v.message).toBe('the handler threw on delivery 2 (platform-retry, retryCount 1)');
    expect(v.hint).toBe(PLATFORM_HINT);
  });

  it('renders thrown values that are not Errors readably', () => {
    expect(violation(check(throwing('boom'))).received).toBe('threw the string "boom"');
    expect(violation(check(throwing({ code: 'E1' }))).received).toBe('threw a non-Error object {"code":"E1"}');
    expect(violation(check(throwing(undefined))).received).toBe('threw undefined');
    expect(violation(check(throwing(null))).received).toBe('threw null');
    expect(violation(check(throwing(42))).received).toBe('threw the number 42');
  });

  it('fails an unhandled rejection even when the handler returned', () => {
    const t = single({ outcome: success(), issues: [{ kind: 'unhandled-rejection', detail: 'Error: late write failed' }] });
    expect(check(t)).toEqual({
      kind: 'fail',
      delivery: 1,
      message: 'a promise the handler started rejected and nobody handled it',
      expected: 'every promise awaited or its rejection handled',
      received: 'Error: late write failed',
      hint: 'await every promise you start (or use Promise.allSettled) before returning',
    });
  });

  it('passes deliveries that return, whatever they return', () => {
    const t = trace({ deliveries: [{ outcome: appRetry() }, { outcome: success() }], regime: 'product-event' });
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it('ignores issues other than unhandled rejections', () => {
    const t = single({ outcome: success(), issues: [{ kind: 'timers-left-running', count: 2 }] });
    expect(check(t)).toEqual({ kind: 'pass' });
  });
});

describe('survives-every-delivery: async events, where a throw is a way to be retried', () => {
  it('passes an ordinary Error', () => {
    expect(check(throwing(new Error('x'), 'async-event'))).toEqual({ kind: 'pass' });
  });

  it.each([
    ['TypeError', new TypeError('x')],
    ['ReferenceError', new ReferenceError('x')],
    ['RangeError', new RangeError('x')],
    ['SyntaxError', new SyntaxError('x')],
  ])('fails a %s, a programming error', (name, error) => {
    const v = violation(check(throwing(error, 'async-event')));
    expect(v.expected).toBe('no programming error (TypeError, ReferenceError, RangeError, SyntaxError)');
    expect(v.received).toBe(`threw ${name}: x`);
  });

  it('fails an Error-shaped object whose name is TypeError', () => {
    expect(check(throwing({ name: 'TypeError', message: 'x' }, 'async-event')).kind).toBe('fail');
  });

  it('passes the fetch failed TypeError of a network error the handler let through', () => {
    const t = throwing(new TypeError('fetch failed'), 'async-event', {
      requests: [get('https://api.example.com/x', networkError())],
    });
    expect(check(t)).toEqual({ kind: 'pass' });
  });

  it('fails a fetch failed TypeError when no request met a network error', () => {
    const t = throwing(new TypeError('fetch failed'), 'async-event', { requests: [get('https://api.example.com/x', http(200))] });
    expect(violation(check(t)).received).toBe('threw TypeError: fetch failed');
  });

  it('fails another TypeError even when a request met a network error', () => {
    const t = throwing(new TypeError('x is not a function'), 'async-event', {
      requests: [get('https://api.example.com/x', networkError())],
    });
    expect(check(t).kind).toBe('fail');
  });

  it('still fails a network-error TypeError on a product event', () => {
    const t = throwing(new TypeError('fetch failed'), 'product-event', {
      requests: [get('https://api.example.com/x', networkError())],
    });
    expect(check(t).kind).toBe('fail');
  });

  it('passes non-Error thrown values', () => {
    expect(check(throwing('retry me', 'async-event'))).toEqual({ kind: 'pass' });
    expect(check(throwing(undefined, 'async-event'))).toEqual({ kind: 'pass' });
  });

  it('does not judge unhandled rejections', () => {
    const t = single({ outcome: success(), issues: [{ kind: 'unhandled-rejection', detail: 'Error: x' }] }, { regime: 'async-event' });
    expect(check(t)).toEqual({ kind: 'pass' });
  });
});

describe('survives-every-delivery: the network-error excuse for async events', () => {
  const throwingAfter = (error: unknown, requests: RequestSpec[]) => check(single({ requests, outcome: thrown(error) }, { regime: 'async-event' }));
  const fetchFailed = new TypeError('fetch failed');

  it('excuses fetch failed when any request of the delivery met a network error', () => {
    expect(throwingAfter(fetchFailed, [get('/rest/api/3/myself', http(200)), get('https://crm.example.com/x', networkError())])).toEqual({ kind: 'pass' });
  });

  it('does not excuse a RangeError whose message happens to be fetch failed', () => {
    expect(throwingAfter(new RangeError('fetch failed'), [get('https://crm.example.com/x', networkError())])).toMatchObject({ kind: 'fail' });
  });
});

describe('survives-every-delivery: product events follow productThrownError (CHANGE-681)', () => {
  const retried = (error: unknown) =>
    single({ outcome: thrown(error) }, { regime: 'product-event', rules: { productThrownError: 'retried-as-platform-error' } });

  it('passes an ordinary Error where a thrown product-event handler is retried', () => {
    expect(check(retried(new Error('Jira answered 503')))).toEqual({ kind: 'pass' });
  });

  it('still fails a programming error there', () => {
    expect(violation(check(retried(new TypeError("Cannot read properties of undefined (reading 'step')")))).received).toMatch(/^threw TypeError/);
  });
});

describe('survives-every-delivery: resolver-style consumers, judged as async events', () => {
  it('passes an ordinary Error and fails a TypeError', () => {
    expect(check(throwing(new Error('boom'), 'resolver-consumer'))).toEqual({ kind: 'pass' });
    expect(check(throwing(new TypeError('x is undefined'), 'resolver-consumer')).kind).toBe('fail');
  });
});
