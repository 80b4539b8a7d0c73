/**
 * Atlassian's two retry samples from the "Product events" page, run as written: sample 1 is the
 * example app's `lookupReporter`, sample 2 lives in the corpus. Both are wrong, and the one-line
 * test must say why in a report a user can replay.
 */
import { describe, expect, it } from 'vitest';
import { assertRetrySemantics, checkRetrySemantics, RetrySemanticsError } from '../../src/index.js';
import { lookupReporter as atlassianSample1 } from '../../examples/forge-app/src/atlassian-sample-1.js';
import * as atlassianSample2 from '../handlers/buggy/atlassian-sample-2.js';

const sample1Options = { trigger: 'product-event' } as const;

describe("Atlassian's samples, run as written", () => {
  it('Atlassian sample 1 (requesting a retry) fails the one-line test with a readable, replayable report', async () => {
    const error = await assertRetrySemantics(atlassianSample1, sample1Options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RetrySemanticsError);
    const { message, failures } = error as RetrySemanticsError;
    expect(message).toMatch(
      /^forge-retry-harness: (property "[a-z-]+" failed after \d+ runs? \(shrunk \d+ times?\)|\d+ properties (failed|failed or warned): [a-z-]+ \(after \d+ runs?, shrunk \d+ times?\))/,
    );
    // Every violated property is reported, not only the first one found.
    // Its fifth retry request after four app retries is a bug under every assumption (it never reads retryCount).
    expect(failures.map((f) => f.property)).toEqual(['retry-after-valid', 'respects-retry-cap', 'no-swallowed-failures']);
    // Its throw is a bug only under an undocumented rule (a thrown product-event handler is not
    // retried): a warning in the same report.
    expect(message).toContain('property "survives-every-delivery"');
    expect(message).toContain('fails only if productThrownError is "not-retried"');
    expect(message).toContain('delivery 1');
    expect(message).toMatch(/replay {6}assertRetrySemantics\(lookupReporter, \{ seed: 20250101, path: "(?:[\d:]+|x[\d.]*d?)" \}\)/);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(message).toContain(f.report);
  });

  it('Atlassian sample 1 is caught by retry-after-valid: parseInt of an HTTP-date Retry-After is NaN', async () => {
    const result = await checkRetrySemantics(atlassianSample1, { ...sample1Options, properties: ['retry-after-valid'] });
    expect(result.passed).toBe(false);
    expect(result.failures[0]?.received).toMatch(/retryAfter: (NaN|9\d\d|\d{4}) \(number\)/);
    expect(
      Number.parseFloat(result.failures[0]!.received.slice('retryAfter: '.length)) > 900 || result.failures[0]!.received.startsWith('retryAfter: NaN'),
    ).toBe(true);
  });

  it('Atlassian sample 2 (handling a retry) is caught: the un-awaited helpers swallow the failure', async () => {
    const result = await checkRetrySemantics(atlassianSample2.handler, atlassianSample2.options);
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.property)).toContain('no-swallowed-failures');
  });

  it('a replay of the reported path reproduces the same report', async () => {
    const first = await checkRetrySemantics(atlassianSample1, sample1Options);
    for (const failure of first.failures) {
      const again = await checkRetrySemantics(atlassianSample1, { ...sample1Options, ...failure.replay });
      expect(again.runs).toBe(1);
      // The same scenario and the same findings; only the replay line may drop a narrowed selection.
      const withoutReplay = (report: string | undefined) => report?.replace(/\n {2}replay .*\n/, '\n');
      expect(withoutReplay(again.failures.find((f) => f.property === failure.property)?.report)).toBe(withoutReplay(failure.report));
    }
  });
});
