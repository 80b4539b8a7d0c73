import ResolverModule from '@forge/resolver';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { describe, expect, it } from 'vitest';
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
