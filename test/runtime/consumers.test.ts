import ResolverModule from '@forge/resolver';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics, HarnessUsageError } from '../../src/index.js';
import { drive } from '../../src/runner/drive.js';
import { DEFAULT_PLATFORM_RULES } from '../../models/rules.js';
import { scenario } from './helpers.js';

// @forge/resolver is CommonJS with `exports.default`: Node's ESM loader hands back the module object,
// vitest's interop the class itself.
const Resolver = ((ResolverModule as unknown as { default?: unknown }).default ?? ResolverModule) as typeof ResolverModule.default;

const base = { regime: 'async-event', rules: DEFAULT_PLATFORM_RULES, event: { issueKey: 'A-1' }, scenario: scenario([]) } as const;

describe('async event consumers', () => {
  it('calls a resolver-style consumer (real @forge/resolver) with the body and retryContext in the payload', async () => {
    const seen: unknown[] = [];
    const resolver = new Resolver();
    resolver.define('consumer', ({ payload, context }: { payload: Record<string, unknown>; context: unknown }) => {
      seen.push({ payload, jobId: (context as { jobId?: string }).jobId });
      if (payload['retryContext'] === undefined) {
        return new InvocationError({ retryAfter: 10, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { step: 2 } });
      }
      return 'done';
    });
    const trace = await drive({ ...base, handler: resolver.getDefinitions(), consumerShape: 'resolver' });
    expect(trace.deliveries.map((d) => d.outcome.kind)).toEqual(['app-retry', 'success']);
    expect(seen[0]).toEqual({ payload: { issueKey: 'A-1' }, jobId: 'forge-retry-harness-job-1' });
    expect(seen[1]).toMatchObject({
      payload: { issueKey: 'A-1', retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { step: 2 } } },
    });
  });

  it("reports the resolver's own error for an unknown function key", async () => {
    const resolver = new Resolver().define('other', () => 'x');
    const trace = await drive({ ...base, handler: resolver.getDefinitions(), consumerShape: 'resolver', functionKey: 'consumer', maxDeliveries: 1 });
    const outcome = trace.deliveries[0]?.outcome;
    expect(outcome?.kind === 'thrown' && (outcome.error as Error).message).toBe("Resolver has no definition for 'consumer'.");
  });

  it('plays a resolver-style consumer as events v1, its own regime', async () => {
    const resolver = new Resolver().define('consumer', () => 'done');
    const trace = await drive({ ...base, handler: resolver.getDefinitions(), consumerShape: 'resolver' });
    expect(trace.regime).toBe('resolver-consumer');
  });

  it('judges retryData as the resolver function returned it, before @forge/resolver turns it into JSON', async () => {
    const since = new Date(0);
    const resolver = new Resolver().define('consumer', ({ payload }: { payload: Record<string, unknown> }) =>
      payload['retryContext'] === undefined
        ? new InvocationError({ retryAfter: 10, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { since, gone: undefined } })
        : 'done',
    );
    const stringify = JSON.stringify;
    const trace = await drive({ ...base, handler: resolver.getDefinitions(), consumerShape: 'resolver' });
    const outcome = trace.deliveries[0]?.outcome;
    expect(outcome?.kind).toBe('app-retry');
    const data = outcome?.kind === 'app-retry' ? (outcome.request.retryData as Record<string, unknown>) : {};
    expect(data['since']).toBe(since);
    expect(Object.keys(data)).toEqual(['since', 'gone']);
    // What the platform delivers is still the JSON of it.
    expect(trace.deliveries[1]?.retryContext?.retryData).toEqual({ since: '1970-01-01T00:00:00.000Z' });
    expect(JSON.stringify).toBe(stringify);
  });

  it('keeps what @forge/resolver returned when the JSON does not match what the function gave JSON.stringify', async () => {
    const resolver = new Resolver().define('consumer', () => {
      JSON.stringify({ _retry: true, retryOptions: { retryAfter: 5, retryData: { at: new Date(0) } } });
      return new InvocationError({ retryAfter: 10, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { step: 1 } });
    });
    const trace = await drive({ ...base, handler: resolver.getDefinitions(), consumerShape: 'resolver', maxDeliveries: 1 });
    const outcome = trace.deliveries[0]?.outcome;
    expect(outcome?.kind === 'app-retry' && outcome.request.retryData).toEqual({ step: 1 });
  });

  it('refuses a resolver whose function key has no resolver.define, naming the key and the fix', async () => {
    const resolver = new Resolver().define('other', () => 'x');
    const error = await checkRetrySemantics(resolver.getDefinitions(), { trigger: 'async-event', consumerShape: 'resolver', functionKey: 'sync-issue' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HarnessUsageError);
    expect((error as HarnessUsageError).what).toMatch(/has no definition for 'sync-issue'/);
    expect((error as HarnessUsageError).fix).toMatch(/resolver\.define\('sync-issue', handler\)/);
  });

  it('calls a function-style consumer with an AsyncEvent', async () => {
    let event: unknown;
    await drive({
      ...base,
      handler: (e: unknown) => {
        event = e;
      },
    });
    expect(event).toEqual({
      body: { issueKey: 'A-1' },
      queueName: 'forge-retry-harness-queue',
      jobId: 'forge-retry-harness-job-1',
      eventId: 'forge-retry-harness-event-1',
    });
  });

  it('rejects an unknown consumer shape, listing the valid ones', async () => {
    expect(() => drive({ ...base, handler: () => undefined, consumerShape: 'lambda' as never })).toThrow("use 'function' or 'resolver'");
  });
});
