/**
 * Behaviour of the model that mutation testing (`npm run mutation`) found unpinned: the texts a report
 * shows for each decision, the guards against misuse, retryData edge cases, and the UTF-8 and offset
 * arithmetic. Each test states a rule the model must keep, not an implementation detail.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_RETRY_REASONS,
  DEFAULT_PLATFORM_RULES,
  ModelMisuseError,
  PLATFORM_RETRY_REASONS,
  VIRTUAL_EPOCH,
  at,
  classifyReturn,
  describeDecision,
  describeNormalisation,
  durationMs,
  findJsonLosses,
  formatOffset,
  isAppRetryReason,
  isPlatformRetryReason,
  normaliseRetryAfter,
  startEvent,
  step,
  transitRetryData,
  utf8Length,
  type Decision,
  type DeliveryEnvironment,
  type DeliveryState,
  type Outcome,
  type PlatformRules,
  type Regime,
} from '../../models/index.js';

const envOf = (regime: Regime = 'product-event', rules: Partial<PlatformRules> = {}): DeliveryEnvironment => ({
  regime,
  rules: { ...DEFAULT_PLATFORM_RULES, ...rules },
  payloadBytes: 100,
  enqueuedAt: VIRTUAL_EPOCH,
});

/** Feeds `outcomes` to a fresh event, each delivery lasting one second; returns every decision. */
const run = (outcomes: readonly Outcome[], env: DeliveryEnvironment = envOf()): { decisions: Decision[]; state: DeliveryState } => {
  let state = startEvent(env);
  const decisions: Decision[] = [];
  for (const outcome of outcomes) {
    if (state.kind !== 'scheduled') throw new Error(`run: ${outcome.kind} given to a ${state.kind} event`);
    const t = step(state, { kind: 'delivered', outcome, endedAt: at(state.next.at + 1000) }, env);
    decisions.push(t.decision);
    state = t.state;
  }
  return { decisions, state };
};

const lastOf = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;
const dropOf = (d: Decision) => {
  if (d.kind !== 'drop') throw new Error(`expected a drop, got ${JSON.stringify(d)}`);
  return d;
};
const retryOf = (d: Decision) => {
  if (d.kind !== 'retry') throw new Error(`expected a retry, got ${JSON.stringify(d)}`);
  return d;
};

const ok: Outcome = { kind: 'success', value: true };
const retry = (options: Record<string, unknown> = {}): Outcome =>
  classifyReturn({ _retry: true, retryOptions: { retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST', ...options } });
const fault = (f: 'timeout' | 'out-of-memory' | 'platform-rate-limited' | 'platform-unknown-error'): Outcome => ({ kind: 'platform-fault', fault: f });
const thrown: Outcome = { kind: 'thrown', error: new Error('boom') };

describe('retry reason codes', () => {
  it('isPlatformRetryReason accepts exactly the four platform codes', () => {
    for (const code of PLATFORM_RETRY_REASONS) expect(isPlatformRetryReason(code)).toBe(true);
    for (const other of [...APP_RETRY_REASONS, '', 'FUNCTION_ERR', 42, null, undefined, ['FUNCTION_TIME_OUT']]) {
      expect(isPlatformRetryReason(other)).toBe(false);
    }
  });

  it('isAppRetryReason accepts exactly the two app codes', () => {
    for (const code of APP_RETRY_REASONS) expect(isAppRetryReason(code)).toBe(true);
    for (const other of [...PLATFORM_RETRY_REASONS, '', 'function_retry_request', 1, null, undefined, { toString: () => 'FUNCTION_RETRY_REQUEST' }]) {
      expect(isAppRetryReason(other)).toBe(false);
    }
  });
});

describe('model misuse is refused with a message that says what was wrong', () => {
  const env = envOf();
  const completed = run([ok]).state;
  const dropped = run([thrown]).state;
  const delivered = (endedAt: number) => ({ kind: 'delivered', outcome: ok, endedAt: at(endedAt) }) as const;

  const misuse = (f: () => unknown): ModelMisuseError => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelMisuseError);
      return error as ModelMisuseError;
    }
    throw new Error('expected ModelMisuseError');
  };

  it('a delivery cannot end before it starts', () => {
    const error = misuse(() => step(startEvent(env), delivered(VIRTUAL_EPOCH - 1), env));
    expect(error.name).toBe('ModelMisuseError');
    expect(error.message).toBe(`forge-retry-harness model: delivery 1 cannot end (${VIRTUAL_EPOCH - 1}) before it starts (${VIRTUAL_EPOCH})`);
  });

  it('a delivery may end the instant it starts', () => {
    expect(step(startEvent(env), delivered(VIRTUAL_EPOCH), env).decision.kind).toBe('complete');
  });

  it('a redelivery cannot come before the event completed, but may come the same instant', () => {
    if (completed.kind !== 'completed') throw new Error('expected completed');
    const error = misuse(() => step(completed, { kind: 'redeliver', at: at(completed.at - 1) }, env));
    expect(error.message).toBe(`forge-retry-harness model: a redelivery (${completed.at - 1}) cannot come before the event completed (${completed.at})`);
    expect(step(completed, { kind: 'redeliver', at: completed.at }, env).decision.kind).toBe('redeliver');
  });

  it('each impossible input names its own reason', () => {
    expect(misuse(() => step(startEvent(env), { kind: 'redeliver', at: at(VIRTUAL_EPOCH) }, env)).message)
      .toBe('forge-retry-harness model: a scheduled delivery cannot be redelivered before it happens');
    expect(misuse(() => step(completed, delivered(VIRTUAL_EPOCH + 10_000), env)).message)
      .toBe('forge-retry-harness model: a completed event has no delivery scheduled');
    expect(misuse(() => step(dropped, delivered(VIRTUAL_EPOCH + 10_000), env)).message)
      .toBe('forge-retry-harness model: a dropped event has no delivery scheduled');
    expect(misuse(() => step(dropped, { kind: 'redeliver', at: at(VIRTUAL_EPOCH + 10_000) }, env)).message)
      .toBe('forge-retry-harness model: a dropped event is not redelivered');
  });
});

describe('what a drop says (the report prints it after "drops the event:")', () => {
  it('a fifth app retry names the retryCount and the cap', () => {
    const { decisions } = run([...Array.from({ length: 4 }, () => retry()), retry()]);
    expect(dropOf(lastOf(decisions)).detail).toBe('retry requested on retryCount 4; at most 4 retries are allowed');
  });

  it('a platform fault on the last permitted retry names the fault and the retryCount', () => {
    const { decisions } = run([retry(), retry(), retry(), retry(), fault('out-of-memory')]);
    expect(dropOf(lastOf(decisions)).detail).toBe('out-of-memory on retryCount 4; no retry is left');
  });

  it('platform retries apart from the cap name how many there were', () => {
    const env = envOf('product-event', { platformRetriesCountTowardCap: false, maxPlatformRetries: 1 });
    const { decisions } = run([fault('timeout'), fault('platform-unknown-error')], env);
    expect(dropOf(lastOf(decisions)).detail).toBe('platform-unknown-error after 1 platform retries');
  });

  it('a thrown product-event handler is reported as FUNCTION_ERR', () => {
    expect(dropOf(lastOf(run([thrown]).decisions)).detail).toBe('the runtime reported FUNCTION_ERR');
  });

  it('retryData drops name the type, the error, or the sizes', () => {
    expect(dropOf(lastOf(run([retry({ retryData: 'text' })], envOf('product-event', { nonObjectRetryData: 'drop-event' })).decisions)).detail)
      .toBe('retryData was string');
    expect(dropOf(lastOf(run([retry({ retryData: { n: 1n } })]).decisions)).detail).toBe('JSON.stringify failed: Do not know how to serialize a BigInt');
    expect(dropOf(lastOf(run([retry({ retryData: { s: 'x'.repeat(5000) } })]).decisions)).detail)
      .toBe('retryData is 5008 bytes of JSON; the limit is 4096');
    const big = { ...envOf(), payloadBytes: 200 * 1024 };
    expect(dropOf(lastOf(run([retry({ retryData: { a: 1 } })], big).decisions)).detail)
      .toBe('payload 204800 + retryData 7 bytes exceed 204800');
  });

  it('omitted oversized retryData is noted on the retry', () => {
    const env = envOf('product-event', { oversizedRetryData: 'omit-data' });
    const d = retryOf(lastOf(run([retry({ retryData: { s: 'x'.repeat(5000) } })], env).decisions));
    expect(d.notes).toEqual(['retryData (5008 bytes) not sent: over 4096 bytes']);
    expect(d.next.retryContext).not.toHaveProperty('retryData');
  });
});

describe('decisions that carry no notes', () => {
  it('a platform retry makes no adjustment, so it has no notes', () => {
    for (const f of ['timeout', 'out-of-memory', 'platform-rate-limited', 'platform-unknown-error'] as const) {
      expect(retryOf(lastOf(run([fault(f)]).decisions)).notes).toEqual([]);
    }
  });

  it('a redelivery decision is exactly { kind: "redeliver", next }', () => {
    const env = envOf();
    const completed = run([ok]).state;
    const t = step(completed, { kind: 'redeliver', at: at(VIRTUAL_EPOCH + 5000) }, env);
    expect(t.decision).toEqual({ kind: 'redeliver', next: { number: 2, kind: 'duplicate', at: VIRTUAL_EPOCH + 5000 } });
    expect(t.state).toMatchObject({ kind: 'scheduled', next: t.decision.kind === 'redeliver' ? t.decision.next : undefined });
  });
});

describe('describeDecision (the platform column of a report timeline)', () => {
  it('describes each kind of decision', () => {
    const env = envOf();
    expect(describeDecision(lastOf(run([ok]).decisions))).toBe('marks the event done');
    expect(describeDecision(lastOf(run([retry()]).decisions))).toBe('schedules the requested retry as delivery 2, retryCount 1');
    expect(describeDecision(lastOf(run([retry(), retry({ retryAfter: 0 })]).decisions)))
      .toBe('schedules the requested retry as delivery 3, retryCount 2 (retryAfter 0 raised to 1 s)');
    expect(describeDecision(lastOf(run([fault('timeout')]).decisions))).toBe('retries on its own as delivery 2, retryCount 1');
    expect(describeDecision(lastOf(run([thrown]).decisions))).toBe('drops the event: the runtime reported FUNCTION_ERR');
    const redelivered = step(run([ok]).state, { kind: 'redeliver', at: at(VIRTUAL_EPOCH + 5000) }, env).decision;
    expect(describeDecision(redelivered)).toBe('delivers it again (at-least-once) as delivery 2');
  });

  it('joins several notes with semicolons', () => {
    const d = lastOf(run([retry({ retryAfter: 5000, retryData: 'text' })]).decisions);
    expect(describeDecision(d)).toBe(
      'schedules the requested retry as delivery 2, retryCount 1 (retryAfter 5000 lowered to 900 s; retryData (string) not sent: it is not an object)',
    );
  });

  it('says retryCount 0 for a retry whose context has none', () => {
    const d: Decision = { kind: 'retry', next: { number: 2, kind: 'platform-retry', at: VIRTUAL_EPOCH }, notes: [], assumptions: [] };
    expect(describeDecision(d)).toBe('retries on its own as delivery 2, retryCount 0');
  });
});

describe('classifyReturn: shapes of a retry request', () => {
  it('retryOptions: undefined is the legacy shape, as JSON drops the key', () => {
    expect(classifyReturn({ _retry: true, retryOptions: undefined })).toEqual({ kind: 'legacy-retry' });
  });

  it('retryOptions that are not an object make a retry request without options', () => {
    const empty = { retryAfter: undefined, retryReason: undefined, retryData: undefined, hasRetryData: false };
    expect(classifyReturn({ _retry: true, retryOptions: null })).toEqual({ kind: 'app-retry', request: empty });
    expect(classifyReturn({ _retry: true, retryOptions: 'soon' })).toEqual({ kind: 'app-retry', request: empty });
  });

  it('hasRetryData is true only for an own, defined retryData', () => {
    const has = (retryOptions: object) => {
      const o = classifyReturn({ _retry: true, retryOptions });
      return o.kind === 'app-retry' && o.request.hasRetryData;
    };
    expect(has({ retryAfter: 1 })).toBe(false);
    expect(has({ retryAfter: 1, retryData: undefined })).toBe(false);
    expect(has(Object.create({ retryData: { inherited: true } }) as object)).toBe(false);
    expect(has({ retryAfter: 1, retryData: null })).toBe(true);
    expect(has({ retryAfter: 1, retryData: {} })).toBe(true);
  });
});

describe('retryAfter notes', () => {
  it('an in-range retryAfter is kept as requested, with no note', () => {
    const n = normaliseRetryAfter(30, DEFAULT_PLATFORM_RULES);
    expect(n).toEqual({ kind: 'as-requested', seconds: 30 });
    expect(describeNormalisation(n)).toBeUndefined();
  });

  it('an invalid retryAfter is shown as the value it was', () => {
    const note = (v: unknown) => describeNormalisation(normaliseRetryAfter(v, DEFAULT_PLATFORM_RULES));
    expect(note('120')).toBe('retryAfter "120" is not a number of seconds; assumed 1 s');
    expect(note(10n)).toBe('retryAfter 10n is not a number of seconds; assumed 1 s');
    expect(note(Number.NaN)).toBe('retryAfter NaN is not a number of seconds; assumed 1 s');
    expect(note(undefined)).toBe('retryAfter undefined is not a number of seconds; assumed 1 s');
    expect(note(null)).toBe('retryAfter null is not a number of seconds; assumed 1 s');
  });
});

describe('UTF-8 length of retryData JSON', () => {
  it('counts 1, 2, 3 and 4 bytes at the encoding boundaries, like Buffer.byteLength', () => {
    for (const text of ['\u007f', '\u0080', '\u07ff', '\u0800', '\uffff', '€', '😀', '\ud800\udc00', '\udbff\udfff', 'a😀b', 'ascii', '']) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('counts a lone surrogate as the 3-byte replacement character', () => {
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('\udc00')).toBe(3);
    expect(utf8Length('x\ud83d')).toBe(4);
  });

  it('agrees with Buffer.byteLength on any well-formed string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')));
  });
});

describe('findJsonLosses names every loss', () => {
  const whats = (value: unknown) => findJsonLosses(value).map((l) => `${l.path}: ${l.what}`);

  it('describes special objects', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const anonymous = new (class {})();
    expect(whats({ r: /x/, e: new Error('no'), t: new Uint8Array(2), p: new Point(1), a: anonymous })).toEqual([
      '$.r: a RegExp (arrives as {})',
      '$.e: an Error (arrives as {})',
      '$.t: a typed array (arrives as an object of indices)',
      '$.p: a class instance (Point) (arrives as a plain object without its prototype)',
      '$.a: a class instance (arrives as a plain object without its prototype)',
    ]);
  });

  it('describes an instance whose prototype has no constructor', () => {
    expect(whats({ o: Object.create(Object.create(null) as object) as object })).toEqual([
      '$.o: a class instance (arrives as a plain object without its prototype)',
    ]);
  });

  it('looks inside class instances, but not inside Dates, Maps and Sets', () => {
    class Job {
      at = new Date(0);
      missing = undefined;
    }
    const map = Object.assign(new Map(), { extra: undefined });
    expect(whats({ job: new Job(), map })).toEqual([
      '$.job: a class instance (Job) (arrives as a plain object without its prototype)',
      '$.job.at: a Date (arrives as an ISO string)',
      '$.job.missing: an undefined member (vanishes)',
      '$.map: a Map (arrives as {})',
    ]);
  });

  it('names a plain object with toJSON, and does not look inside it', () => {
    expect(whats({ money: { toJSON: () => '1.00', hidden: undefined } })).toEqual([
      '$.money: an object with toJSON (arrives as what toJSON returns)',
    ]);
  });

  it('names a class instance or Buffer with toJSON by what arrives, not by its fields', () => {
    class DateTime {
      zone = { offset: undefined };
      constructor(readonly ts: number) {}
      toJSON(): string {
        return new Date(this.ts).toISOString();
      }
    }
    expect(whats({ at: new DateTime(0), buf: Buffer.from('hi') })).toEqual([
      '$.at: an object with toJSON (arrives as what toJSON returns)',
      '$.buf: an object with toJSON (arrives as what toJSON returns)',
    ]);
  });

  it('finds nothing lost in an object without a prototype, which arrives with the same members', () => {
    expect(whats({ o: Object.assign(Object.create(null) as object, { a: 1 }) })).toEqual([]);
  });

  it('tells members that vanish from array items that arrive as null', () => {
    const fn = () => 1;
    const sym = Symbol('s');
    expect(whats({ f: fn, s: sym, u: undefined, list: [fn, sym, undefined, Number.NaN] })).toEqual([
      '$.f: a function (vanishes)',
      '$.s: a symbol (vanishes)',
      '$.u: an undefined member (vanishes)',
      '$.list[0]: a function (arrives as null)',
      '$.list[1]: a symbol (arrives as null)',
      '$.list[2]: undefined (arrives as null)',
      '$.list[3]: NaN (arrives as null)',
    ]);
  });

  it('names holes in arrays and symbol-keyed members, which JSON also loses', () => {
    expect(whats({ list: [, 1] })).toEqual(['$.list[0]: a hole (arrives as null)']);
    expect(whats({ [Symbol('k')]: 1, kept: 2 })).toEqual(['$[Symbol(k)]: a symbol-keyed member (vanishes)']);
  });

  it('stops after 50 findings', () => {
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, undefined]));
    expect(findJsonLosses(many)).toHaveLength(50);
    expect(findJsonLosses({ list: new Array(1_000_000) })).toHaveLength(50);
    const symbols = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [Symbol(`s${i}`), 1]));
    expect(findJsonLosses({ ...Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, undefined])), ...symbols })).toHaveLength(50);
  });

  it('reports an object that cannot be read instead of throwing', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(whats(hostile)).toEqual(['$: an object that cannot be read (Error: trap)']);
  });

  it('finds no loss exactly when the value survives the JSON round trip', () => {
    const leaf = fc.oneof(
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0.5),
      fc.constant(Symbol.for('s')),
      fc.constant(() => 1),
      fc.date({ noInvalidDate: true }),
      fc.constant(new Map([[1, 2]])),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object'), tie('symbolKeyed')),
      array: fc.sparseArray(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 4, noNullPrototype: true }),
      symbolKeyed: tie('value').map((v) => ({ [Symbol.for('k')]: v })),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 3 }), value, { maxKeys: 4, noNullPrototype: true }), (data) => {
        const text = JSON.stringify(data);
        const survives = isDeepStrictEqual(JSON.parse(text), data);
        expect(findJsonLosses(data).length === 0).toBe(survives);
      }),
      { numRuns: 300 },
    );
  });
});

describe('transitRetryData', () => {
  it('treats retryData as present when it is defined, unless told otherwise', () => {
    expect(transitRetryData({ a: 1 })).toMatchObject({ kind: 'sent', delivered: { a: 1 } });
    expect(transitRetryData(undefined)).toEqual({ kind: 'absent' });
    expect(transitRetryData(undefined, true)).toEqual({ kind: 'absent' });
    expect(transitRetryData({ a: 1 }, false)).toEqual({ kind: 'absent' });
  });

  it('an object whose toJSON returns undefined cannot be sent, and that does not throw', () => {
    expect(transitRetryData({ toJSON: () => undefined })).toMatchObject({ kind: 'unserialisable', why: 'JSON.stringify returned undefined' });
  });

  it('an object that serialises to a non-object is not sent (ECO-734 applies to what arrives)', () => {
    expect(transitRetryData({ toJSON: () => 'x' })).toEqual({ kind: 'not-an-object', type: 'string (as JSON)' });
    expect(transitRetryData({ toJSON: () => [1] })).toEqual({ kind: 'not-an-object', type: 'array (as JSON)' });
    expect(transitRetryData({ toJSON: () => null })).toEqual({ kind: 'not-an-object', type: 'null (as JSON)' });
  });
});

describe('virtual time', () => {
  it('durationMs brands its argument unchanged', () => {
    expect(durationMs(1500)).toBe(1500);
  });

  it('formatOffset prints whole seconds plainly and fractions without trailing zeros', () => {
    const offset = (ms: number) => formatOffset(at(VIRTUAL_EPOCH + ms));
    expect(offset(0)).toBe('t=0s');
    expect(offset(120_000)).toBe('t=120s');
    expect(offset(1500)).toBe('t=1.5s');
    expect(offset(1200)).toBe('t=1.2s');
    expect(offset(500)).toBe('t=0.5s');
    expect(offset(10)).toBe('t=0.01s');
    expect(offset(1234)).toBe('t=1.234s');
    expect(offset(-2500)).toBe('t=-2.5s');
    expect(formatOffset(at(2500), at(1000))).toBe('t=1.5s');
  });
});
