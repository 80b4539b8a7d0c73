/**
 * Misuse gets a clear error, before the run: each case feeds a real wrong input (a generator handler,
 * a real @forge/resolver handler without its consumer shape, a BigInt in an event, a hand-made
 * arbitrary, a path past the end, a report into a missing folder, a handler file with a syntax error)
 * and asserts the message names what was wrong and what to do, and that no handler ran.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HarnessUsageError, checkRetrySemantics, type CheckOptions, type ForgeHandler } from '../../src/index.js';
import { handler as rollupConsumer } from '../handlers/correct/estimate-rollup-resolver.js';
import { handler as welcomeComment } from '../handlers/correct/welcome-comment.js';
import { cli, folder, removeFolders } from '../cli/helpers.js';

afterAll(removeFolders);

/** Calls of the handlers below that count them: a usage error comes before any. */
let calls = 0;

/**
 * The usage error a check rejects with, and whether any counting handler ran. The handler is passed
 * as it is (not wrapped): the harness reads resolver handlers by their source.
 */
const refused = async (handler: ForgeHandler, options: CheckOptions): Promise<{ error: HarnessUsageError; ran: boolean }> => {
  const before = calls;
  const error = await checkRetrySemantics(handler, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HarnessUsageError);
  return { error: error as HarnessUsageError, ran: calls > before };
};

/** A real product-event handler (the welcome-comment trigger), counting its calls. */
const countedWelcome: ForgeHandler = async (event: Parameters<typeof welcomeComment>[0], context: unknown) => {
  calls += 1;
  return welcomeComment(event, context);
};

const retryAfterString = async () => ({ _retry: true, retryOptions: { retryAfter: '30', retryReason: 'FUNCTION_RETRY_REQUEST' } });

describe('handlers the harness would call wrongly', () => {
  it('refuses a generator function: its body would never run', async () => {
    // eslint-disable-next-line require-yield
    const { error, ran } = await refused(function* run() {
      calls += 1;
    }, {});
    expect(error.what).toContain('a generator function');
    expect(error.fix).toContain('pass an (async) function');
    expect(ran).toBe(false);
  });

  it('refuses an async generator function', async () => {
    // eslint-disable-next-line require-yield
    const { error } = await refused(async function* run() {
      await Promise.resolve();
    }, {});
    expect(error.what).toContain('an async generator function');
  });

  it('says to set consumerShape when a real @forge/resolver getDefinitions() consumer is checked as a function', async () => {
    const { error } = await refused(rollupConsumer, { trigger: 'async-event' });
    expect(error.what).toContain('@forge/resolver getDefinitions() handler');
    expect(error.what).toContain('every delivery would throw a TypeError reading functionKey');
    expect(error.fix).toContain("consumerShape: 'resolver'");
  });

  it('says to set trigger and consumerShape when a resolver consumer is checked as a product-event trigger', async () => {
    const { error } = await refused(rollupConsumer, {});
    expect(error.what).toContain('a product-event trigger');
    expect(error.fix).toContain("trigger: 'async-event', consumerShape: 'resolver'");
  });

  it('passes the same resolver consumer once consumerShape says resolver', async () => {
    const result = await checkRetrySemantics(rollupConsumer, { trigger: 'async-event', consumerShape: 'resolver', numRuns: 10 });
    expect(result.passed).toBe(true);
  });

  it('refuses a resolver.define callback ({ payload, context }) passed as the handler', async () => {
    const { error } = await refused(async ({ payload, context }: { payload: unknown; context: unknown }) => ({ payload, context }), { trigger: 'async-event' });
    expect(error.what).toContain('resolver.define callback');
    expect(error.fix).toContain('resolver.getDefinitions()');
  });
});

describe('options the check would ignore or that leave nothing to judge', () => {
  it('refuses consumerShape and functionKey on a product-event check', async () => {
    const { error } = await refused(countedWelcome, { consumerShape: 'resolver', functionKey: 'consumer' });
    expect(error.what).toContain('option "consumerShape" and option "functionKey" apply to async-event consumers only');
    expect(error.fix).toContain("trigger: 'async-event'");
  });

  it('refuses functionKey on a function-style consumer', async () => {
    const { error } = await refused(async () => undefined, { trigger: 'async-event', functionKey: 'consumer' });
    expect(error.what).toContain('"functionKey" applies to resolver-style consumers only');
  });

  it('refuses a skip of every property instead of passing with 0 runs', async () => {
    const all = ['respects-retry-cap', 'bounded-invocation', 'no-swallowed-retryable-failure', 'retry-after-valid', 'honours-retry-after'] as const;
    const skip = (await import('../../properties/catalog.js')).PROPERTIES.filter((p) => p.regimes.includes('product-event' as never)).map((p) => p.id);
    expect(skip.length).toBeGreaterThan(all.length - 1);
    const { error, ran } = await refused(countedWelcome, { skip });
    expect(error.what).toContain('option "skip" leaves no property to check on product-event handlers');
    expect(error.fix).toContain('keep at least one of');
    expect(ran).toBe(false);
  });

  it('refuses exhaustive together with numRuns', async () => {
    const { error } = await refused(countedWelcome, { exhaustive: true, numRuns: 200 });
    expect(error.what).toContain('"exhaustive" and "numRuns" were both given');
    expect(error.fix).toContain('drop numRuns');
  });
});

describe('events that cannot be delivered', () => {
  it('names the BigInt member of a given event', async () => {
    const { error, ran } = await refused(countedWelcome, { event: { issue: { key: 'A-1', fields: { x: 10n } } } });
    expect(error.what).toContain('event.issue.fields.x is a BigInt');
    expect(error.fix).toContain('JSON');
    expect(ran).toBe(false);
  });

  it('names the member that closes a cycle', async () => {
    const issue: Record<string, unknown> = { key: 'A-1' };
    issue['self'] = { parent: issue };
    const { error } = await refused(countedWelcome, { event: { issue } });
    expect(error.what).toContain('event.issue.self.parent refers back to an object that contains it');
  });

  it('names the BigInt member of a generated event', async () => {
    const { error, ran } = await refused(countedWelcome, { event: fc.record({ issue: fc.record({ key: fc.constant('A-1'), id: fc.bigInt() }) }) });
    expect(error.what).toContain('event.issue.id is a BigInt');
    expect(ran).toBe(false);
  });

  it("refuses an object that looks like an arbitrary but lacks its methods, instead of fast-check's raw message", async () => {
    const { error } = await refused(countedWelcome, { event: { generate: () => ({ issue: { key: 'A-1' } }), shrink: () => [] } });
    expect(error.what).toContain('looks like a fast-check arbitrary but is not one: it has no canShrinkWithoutContext method');
    expect(error.message).not.toContain('not an instance of Arbitrary');
    expect(error.fix).toContain('fc.record');
  });

  it('refuses a hand-made arbitrary whose generate returns bare values', async () => {
    const fake = { generate: () => ({ issue: { key: 'A-1' } }), shrink: () => [], canShrinkWithoutContext: () => false };
    const { error } = await refused(countedWelcome, { event: fake });
    expect(error.what).toContain('generating from it failed: its generate() returned an object, not a fast-check Value');
  });
});

describe('replay paths that name no scenario', () => {
  it('refuses a run index past any check (it would spin the CPU to reach it)', async () => {
    const started = performance.now();
    const { error } = await refused(countedWelcome, { path: '9007199254740991' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error.fix).toContain('run 9007199254740991 is past the last run any check makes');
  });

  it('refuses a schedule longer than the deepest walk', async () => {
    const { error } = await refused(countedWelcome, { path: 'x1.1.1.1.1.1.1.1.1' });
    expect(error.fix).toContain('the schedule has 9 steps, and the deepest exhaustive walk has 8');
  });

  it('refuses a path with more shrink steps than there are', async () => {
    const { error } = await refused(async () => undefined, { path: '0:0:0:0:0' });
    expect(error.what).toContain('option "path" "0:0:0:0:0" names no scenario of seed 20250101');
    expect(error.fix).toContain('copy seed and path together from one report');
  });

  it('refuses a last shrink step past the end', async () => {
    const { error } = await refused(async () => undefined, { path: '2:0' });
    expect(error.what).toContain('it takes 1 shrink step from run 2, past the last shrink there is');
  });
});

describe('what a failure report shows when asked', () => {
  const logsThenRetries = async (event: { issue?: { key?: string } }) => {
    calls += 1;
    console.log('triage: processing', event.issue?.key);
    return retryAfterString();
  };

  it('tells a string retryAfter to pass a number of seconds, not to parse Retry-After', async () => {
    const result = await checkRetrySemantics(logsThenRetries, { properties: ['retry-after-valid'], numRuns: 5 });
    const [failure] = result.failures;
    expect(failure?.hint).toContain('pass a number of seconds, not a string: retryAfter: Number("30")');
    expect(failure?.hint).not.toContain('Retry-After');
  });

  it('shows the event a failing run got when the event is an arbitrary', async () => {
    const event = fc.record({ issue: fc.record({ key: fc.constantFrom('TRI-7', 'TRI-8') }) });
    const result = await checkRetrySemantics(logsThenRetries, { properties: ['retry-after-valid'], numRuns: 5, event });
    expect(result.failures[0]?.report).toMatch(/ {2}event {7}\{"issue":\{"key":"TRI-[78]"\}\}/);
    const given = await checkRetrySemantics(logsThenRetries, { properties: ['retry-after-valid'], numRuns: 5 });
    expect(given.failures[0]?.report).not.toMatch(/^ {2}event /m);
  });

  it('shows the handler console of each delivery with showConsole, and prints none of it', async () => {
    const printed: unknown[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => printed.push(args);
    let result;
    try {
      result = await checkRetrySemantics(logsThenRetries, { properties: ['retry-after-valid'], numRuns: 5, showConsole: true });
    } finally {
      console.log = original;
    }
    const report = result.failures[0]?.report ?? '';
    expect(report).toContain('  console     delivery 1  log: triage: processing SUP-42');
    expect(report).toContain('delivery 2  log: triage: processing SUP-42');
    expect(printed).toEqual([]);
    const quiet = await checkRetrySemantics(logsThenRetries, { properties: ['retry-after-valid'], numRuns: 5 });
    expect(quiet.failures[0]?.report).not.toContain('console');
  });
});

describe('the CLI refuses misuse before the run, without a stack trace', () => {
  const app = () =>
    folder({
      'handler.ts':
        "export const run = async (event: { issue?: { key?: string } }) => {\n  console.log('run', event.issue?.key);\n  return { _retry: true, retryOptions: { retryAfter: '30', retryReason: 'FUNCTION_RETRY_REQUEST' } };\n};\n",
      'broken.ts': 'export const run = async (event: unknown) => {\n  const x: number = ;\n  return x;\n};\n',
    });

  it('refuses --junit, --sarif and --markdown into a missing folder before checking anything', async () => {
    const dir = app();
    for (const flag of ['--junit', '--sarif', '--markdown']) {
      const out = await cli([`${dir}/handler.ts#run`, flag, `${dir}/missing/report.out`]);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`${flag} ${dir}/missing/report.out: its folder ${dir}/missing does not exist`);
      expect(out.stderr).toContain('mkdir -p');
      expect(out.stderr).not.toMatch(/\n\s+at /);
      expect(out.stdout).toBe('');
    }
  });

  it('refuses --exhaustive with --num-runs', async () => {
    const out = await cli([`${app()}/handler.ts#run`, '--exhaustive', '--num-runs', '50']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--exhaustive and --num-runs were both given');
  });

  it('refuses --consumer-shape on product-event file arguments', async () => {
    const out = await cli([`${app()}/handler.ts#run`, '--consumer-shape', 'resolver']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--consumer-shape applies to async-event consumers');
    expect(out.stderr).toContain('add --trigger async-event');
  });

  it('gives file:line:column of a TypeScript syntax error in a handler file', async () => {
    const dir = app();
    const out = await cli([`${dir}/broken.ts#run`, '--cwd', dir]);
    expect(out.code).toBe(2);
    // One handler that does not load is an error row of its own (the others would still be checked).
    const printed = out.stdout + out.stderr;
    expect(printed).toContain('broken.ts:2:20: syntax error');
    expect(printed).toContain('correct the code at broken.ts:2:20');
    expect(printed).not.toMatch(/\n\s+at /);
  });

  it('--verbose shows the handler console in the failure report', async () => {
    const dir = app();
    const out = await cli([`${dir}/handler.ts#run`, '--property', 'retry-after-valid', '--num-runs', '5', '--verbose', '--cwd', dir]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/console {5}delivery 1 {2}log: run /);
    const quiet = await cli([`${dir}/handler.ts#run`, '--property', 'retry-after-valid', '--num-runs', '5', '--cwd', dir]);
    expect(quiet.stdout).not.toContain('console');
  });
});
