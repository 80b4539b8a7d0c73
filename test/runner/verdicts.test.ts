/**
 * Robust and inconclusive verdicts: a finding that rests on an undocumented rule is a warning naming it
 * (a failure with strictAssumptions), a handler that makes no request or a property with nothing to judge
 * is inconclusive with its reason, and a correct handler that does real work is passed.
 */
import { describe, expect, it, vi } from 'vitest';
import { asApp, route } from '@forge/api';
import { assertRetrySemantics, checkRetrySemantics } from '../../src/index.js';
import { handler as welcomeComment, options as welcomeOptions } from '../handlers/correct/welcome-comment.js';

/** Lets Forge retry it: throws when Jira answers with an error (a bug only if a throw is not retried). */
const throwsOnError = async (event: { issue: { key: string } }) => {
  const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/properties/synced`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ synced: true }),
  });
  if (!res.ok) throw new Error(`Jira answered ${res.status}`);
};

/** Gated on a feature flag nobody set: returns before any I/O. */
const disabled = async (event: { issue?: { key?: string } }) => {
  if (event.issue?.key === 'NEVER-1') await asApp().requestJira(route`/rest/api/3/myself`);
};

/** Reads once and never asks for a retry: survives-every-delivery has work to judge, retryData never comes up. */
const readsOnce = async () => {
  try {
    await asApp().requestJira(route`/rest/api/3/myself`);
  } catch (error) {
    console.error('could not read the current user', error);
  }
};

describe('robust verdicts', () => {
  it('warns, naming the assumption, when a finding holds only if a thrown product-event handler is not retried', async () => {
    const result = await checkRetrySemantics(throwsOnError, { properties: ['survives-every-delivery'] });
    expect({ verdict: result.verdict, passed: result.passed, failures: result.failures.length }).toEqual({ verdict: 'warned', passed: true, failures: 0 });
    const [warning] = result.warnings;
    expect(warning?.severity).toBe('warning');
    expect(warning?.assumptions?.rules).toContain('productThrownError');
    expect(warning?.assumptions?.only).toMatch(/^fails only if productThrownError is "not-retried"/);
    expect(result.report).toContain('warning     fails only if productThrownError is "not-retried"');
  });

  it('fails the same finding with strictAssumptions', async () => {
    const result = await checkRetrySemantics(throwsOnError, { properties: ['survives-every-delivery'], strictAssumptions: true });
    expect({ verdict: result.verdict, passed: result.passed }).toEqual({ verdict: 'failed', passed: false });
    expect(result.failures.map((f) => f.property)).toEqual(['survives-every-delivery']);
  });

  it('does not vary a rule the user pinned: the finding is then a failure', async () => {
    const result = await checkRetrySemantics(throwsOnError, { properties: ['survives-every-delivery'], rules: { productThrownError: 'not-retried' } });
    expect(result.verdict).toBe('failed');
  });

  it('replays a warning found with shrink: false from its seed and path: the same unshrunk scenario, the same warning', async () => {
    const result = await checkRetrySemantics(throwsOnError, { properties: ['survives-every-delivery'], seed: 1, shrink: false });
    const [warning] = result.warnings;
    expect(warning?.severity).toBe('warning');
    // The replay names no shrink setting: a path is one scenario, which the replay plays without shrinking on.
    const again = await checkRetrySemantics(throwsOnError, { properties: ['survives-every-delivery'], ...warning!.replay });
    expect(again.warnings.map((w) => [w.replay.path, w.report])).toEqual([[warning!.replay.path, warning!.report]]);
  });

  it('assertRetrySemantics passes on a warning and prints it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(assertRetrySemantics(throwsOnError, { properties: ['survives-every-delivery'] })).resolves.toBeUndefined();
      expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toContain('fails only if productThrownError');
    } finally {
      warn.mockRestore();
    }
  });
});

describe('inconclusive verdicts', () => {
  it('a handler that makes no request is inconclusive with the reason and what to supply', async () => {
    const result = await checkRetrySemantics(disabled);
    expect({ verdict: result.verdict, passed: result.passed, reason: result.inconclusive?.reason }).toEqual({
      verdict: 'inconclusive',
      passed: true,
      reason: 'the handler made no upstream request in any run',
    });
    expect(result.inconclusive?.supply).toContain('storage seeds');
    expect(result.properties.every((p) => p.verdict === 'inconclusive')).toBe(true);
    expect(result.statistics.requestsPerDelivery).toEqual({ min: 0, median: 0, max: 0 });
  });

  it('a handler that throws on the default payload before any I/O is inconclusive, not failed', async () => {
    const readsChangelog = async (event: { changelog: { items: { field: string }[] } }) => {
      if (event.changelog.items.some((i) => i.field === 'status')) await asApp().requestJira(route`/rest/api/3/myself`);
    };
    const result = await checkRetrySemantics(readsChangelog);
    expect(result.verdict).toBe('inconclusive');
    expect(result.inconclusive?.reason).toMatch(/^the handler threw on the payload before any I\/O in every run \(TypeError/);
  });

  it('assertRetrySemantics prints an inconclusive reason and passes, and rejects with strict', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(assertRetrySemantics(disabled)).resolves.toBeUndefined();
      expect(String(warn.mock.calls[0]?.[0])).toContain('inconclusive: the handler made no upstream request in any run');
      await expect(assertRetrySemantics(disabled, { strict: true })).rejects.toThrow(/inconclusive: the handler made no upstream request/);
    } finally {
      warn.mockRestore();
    }
  });

  it('a property with nothing to judge is inconclusive with its own reason while the check passes', async () => {
    const result = await checkRetrySemantics(readsOnce, { properties: ['retry-data-round-trips', 'survives-every-delivery'] });
    expect(result.verdict).toBe('passed');
    const retryData = result.properties.find((p) => p.property === 'retry-data-round-trips');
    expect(retryData).toEqual({
      property: 'retry-data-round-trips',
      verdict: 'inconclusive',
      inconclusive: { reason: 'no retry ever carried retryData', supply: expect.stringContaining('a handler that never retries needs nothing more') },
    });
    expect(result.properties.filter((p) => p.verdict === 'passed').length).toBeGreaterThan(0);
  });

  it('a check with only properties that had nothing to judge is inconclusive', async () => {
    const result = await checkRetrySemantics(readsOnce, { properties: ['retry-data-round-trips'] });
    expect({ verdict: result.verdict, reason: result.inconclusive?.reason }).toEqual({
      verdict: 'inconclusive',
      reason: 'no property had anything to judge in any run',
    });
  });
});

describe('coverage statistics', () => {
  it('counts the runs that reached retries, duplicates and faults, and the requests per delivery', async () => {
    const result = await checkRetrySemantics(welcomeComment, { ...welcomeOptions });
    const s = result.statistics;
    expect(s.runs).toBe(100);
    expect(s.reachedRetry).toBeGreaterThan(0);
    expect(s.reachedDuplicate).toBeGreaterThan(0);
    expect(s.faults['rate-limited'] + s.faults['server-error']).toBeGreaterThan(0);
    expect(s.requestsPerDelivery?.max).toBeGreaterThanOrEqual(1);
  });
});
