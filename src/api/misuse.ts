/**
 * Misuse that would otherwise run and mislead: a generator as a handler (it returns an iterator at
 * once, so every run "succeeds"), a @forge/resolver handler called as a plain one (a TypeError about
 * `functionKey` on every delivery, read as the handler's bug), an option that the trigger ignores, an
 * event that JSON cannot carry, an object that looks like a fast-check arbitrary but is not one. Each
 * is a usage error before the first run, naming what was wrong and what to do.
 */
import fc from 'fast-check';
import type { Regime } from '../../models/codes.js';
import { describeInput, thrownMessage } from '../../models/render-value.js';
import { usageError } from '../messages/usage-error.js';
import { describeUnserialisable, findUnserialisable } from '../payloads/json-member.js';
import type { ParsedOptions } from './options-schema.js';

/** The members fast-check tests to tell an arbitrary (its `isArbitrary`), each a method of a real one. */
const ARBITRARY_METHODS = ['generate', 'shrink', 'canShrinkWithoutContext'] as const;

/** `Object.prototype.toString` of a function, or '' for a hostile one whose traps throw. */
const tagOf = (fn: unknown): string => {
  try {
    return Object.prototype.toString.call(fn);
  } catch {
    return '';
  }
};

/** The function's source, or '' when it has none to read (native, bound, a hostile Proxy). */
const sourceOf = (fn: unknown): string => {
  try {
    return Function.prototype.toString.call(fn);
  } catch {
    return '';
  }
};

/** The start of a function's first parameter, when it destructures an object: `async ({ call: ...`. */
const FIRST_PARAM_OBJECT = /^\s*(?:async\s*)?(?:function\s*\*?\s*[\w$]*\s*)?\(\s*\{([^)]*)/;

/** How the function reads its first argument, when that tells a resolver handler apart. */
const resolverStyle = (fn: unknown): 'definitions' | 'definition' | undefined => {
  const m = FIRST_PARAM_OBJECT.exec(sourceOf(fn));
  if (m === null) return undefined;
  const params = m[1] ?? '';
  // `resolver.getDefinitions()` returns `async ({ call: { functionKey, payload, jobId }, context }, backendRuntimePayload) => ...`.
  if (/^\s*call\s*:/.test(params)) return 'definitions';
  // A `resolver.define(key, ({ payload, context }) => ...)` callback: the keys it reads are those two alone.
  const keys = [...params.replace(/\}.*$/s, '').matchAll(/(?:^|,)\s*([\w$]+)/g)].map((k) => k[1]);
  return keys.includes('payload') && keys.every((k) => k === 'payload' || k === 'context') ? 'definition' : undefined;
};

/**
 * Refuses handlers the harness would call wrongly: generators, and resolver-style handlers without
 * `consumerShape: 'resolver'`.
 *
 * @example
 * assertUsableHandler(function* run() {}, {}, 'product-event') // throws: a generator function
 */
export const assertUsableHandler = (handler: unknown, o: ParsedOptions, regime: Regime): void => {
  const tag = tagOf(handler);
  if (tag === '[object GeneratorFunction]' || tag === '[object AsyncGeneratorFunction]') {
    const kind = tag === '[object GeneratorFunction]' ? 'a generator function' : 'an async generator function';
    usageError(
      `the handler is ${kind}: calling it returns an iterator without running its body, so every delivery would "succeed" untested`,
      'pass an (async) function that does the work and returns (or throws) its result, e.g. export const run = async (event, context) => { ... }',
    );
  }
  const style = resolverStyle(handler);
  if (style === 'definition') {
    usageError(
      'the handler reads ({ payload, context }): it is a resolver.define callback, which the platform never calls directly',
      "export resolver.getDefinitions() as the consumer and check that with { trigger: 'async-event', consumerShape: 'resolver', functionKey: '<the define key>' }",
    );
  }
  if (style === 'definitions' && (regime !== 'async-event' || o.consumerShape !== 'resolver')) {
    usageError(
      `the handler reads ({ call: { functionKey, payload }, context }), a @forge/resolver getDefinitions() handler, but is checked as ${
        regime === 'async-event' ? "an async-event consumer of shape 'function'" : 'a product-event trigger'
      }: every delivery would throw a TypeError reading functionKey`,
      `set ${regime === 'async-event' ? '' : "trigger: 'async-event', "}consumerShape: 'resolver' (and functionKey: the resolver.define key, default 'consumer')`,
    );
  }
};

/**
 * Refuses options the trigger would ignore: `consumerShape` and `functionKey` say how an async-event
 * consumer is called; on a product-event check, and `functionKey` on a function-style consumer, they
 * change nothing, which the user did not mean.
 */
export const assertOptionsApply = (o: ParsedOptions, regime: Regime): void => {
  if (regime === 'product-event') {
    const given = (['consumerShape', 'functionKey'] as const).filter((k) => o[k] !== undefined);
    if (given.length > 0) {
      usageError(
        `${given.map((k) => `option "${k}"`).join(' and ')} ${given.length === 1 ? 'applies' : 'apply'} to async-event consumers only, and this is a product-event check`,
        "drop it, or check the consumer with trigger: 'async-event'",
      );
    }
  } else if (o.functionKey !== undefined && o.consumerShape !== 'resolver') {
    usageError(
      'option "functionKey" applies to resolver-style consumers only, and consumerShape is \'function\'',
      "set consumerShape: 'resolver', or drop functionKey",
    );
  }
  if (o.exhaustive !== undefined && o.exhaustive !== false && o.numRuns !== undefined) {
    usageError(
      'options "exhaustive" and "numRuns" were both given: an exhaustive check walks every fault schedule of its depth, so it has no number of runs',
      'drop numRuns (an exhaustive check covers the small scope completely), or drop exhaustive to sample numRuns scenarios',
    );
  }
};

/** True when fast-check takes the value for an arbitrary (its own test, which a foreign copy's arbitrary also passes). */
export const isArbitrary = (value: unknown): value is fc.Arbitrary<unknown> =>
  typeof value === 'object' && value !== null && ARBITRARY_METHODS.every((m) => typeof (value as Record<string, unknown>)[m] === 'function');

/** What fast-check's runner reads from a generated value; a foreign copy's Value has it too. */
const isGenerated = (g: unknown): boolean => typeof g === 'object' && g !== null && 'value' in g && 'hasToBeCloned' in g;

/** The arbitrary, with each value it generates checked to be a fast-check Value (a fake one returns bare values). */
const probed = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  new (class extends fc.Arbitrary<unknown> {
    generate(mrng: fc.Random, bias: number | undefined): fc.Value<unknown> {
      const g: unknown = arb.generate(mrng, bias);
      if (!isGenerated(g)) throw new Error(`its generate() returned ${describeInput(g)}, not a fast-check Value`);
      return g as fc.Value<unknown>;
    }
    canShrinkWithoutContext(value: unknown): value is unknown {
      return arb.canShrinkWithoutContext(value);
    }
    shrink(value: unknown, context: unknown): fc.Stream<fc.Value<unknown>> {
      return arb.shrink(value, context);
    }
  })();

const arbitraryLike = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && ARBITRARY_METHODS.some((m) => typeof (value as Record<string, unknown>)[m] === 'function');

const EVENT_FIX = 'give the event as JSON data (strings, numbers, booleans, null, arrays, plain objects), e.g. a string id instead of a BigInt';

/**
 * Refuses an event that cannot be delivered: a fake arbitrary, a function, or a value with a BigInt or
 * a cycle; for an arbitrary, the first event it generates with the check's seed is tried the same way.
 */
export const assertUsableEvent = (event: unknown, seed: number): void => {
  if (event === undefined) return;
  if (typeof event === 'function') {
    usageError(
      'option "event" is a function; an event is JSON data or a fast-check arbitrary of it',
      'pass the payload itself, or the arbitrary (call the factory: fc.record({...}), not fc.record)',
    );
  }
  if (isArbitrary(event)) {
    let sample: unknown;
    try {
      [sample] = fc.sample(probed(event), { numRuns: 1, seed });
    } catch (error) {
      return usageError(
        `option "event" looks like a fast-check arbitrary, but generating from it failed: ${thrownMessage(error)}`,
        'build it with fast-check (fc.record, fc.constantFrom, ...map); a hand-written object with generate/shrink is not an arbitrary',
      );
    }
    const member = findUnserialisable(sample, 'event');
    if (member !== undefined) usageError(`option "event" generates events where ${describeUnserialisable(member)}`, EVENT_FIX);
    return;
  }
  if (arbitraryLike(event)) {
    const missing = ARBITRARY_METHODS.filter((m) => typeof (event as Record<string, unknown>)[m] !== 'function');
    usageError(
      `option "event" looks like a fast-check arbitrary but is not one: it has no ${missing.join(', ')} method`,
      'build the arbitrary with fast-check (fc.record({ issue: fc.record({ key: fc.string() }) })), or pass the payload itself as plain data',
    );
  }
  const member = findUnserialisable(event, 'event');
  if (member !== undefined) usageError(`option "event" cannot be delivered: ${describeUnserialisable(member)}`, EVENT_FIX);
};
