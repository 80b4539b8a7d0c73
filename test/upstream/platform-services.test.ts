import { asApp, asUser, invokeRemote, route, webTrigger } from '@forge/api';
import { InternalServerError, InvocationLimitReachedError, PartialSuccessError, PayloadTooBigError, Queue, RateLimitError, appEvents } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { describeRequest } from '../../properties/support/requests.js';
import { checkRetrySemantics } from '../../src/index.js';
import type { PlannedResponse } from '../../src/scenario/types.js';
import { driveProduct, scenario } from '../runtime/helpers.js';

const planned = (status: 429 | 500 | 502 | 503 | 504): PlannedResponse => ({ kind: 'status', status, headers: { 'Retry-After': '5' } });
const events = [{ body: { n: 1 } }, { body: { n: 2 } }, { body: { n: 3 } }];

describe('Queue.push and its planned failures', () => {
  const errorOf = (e: unknown) =>
    e instanceof PartialSuccessError
      ? ['PartialSuccessError', e.failedEvents.map((f) => (f as unknown as { payload: unknown }).payload)]
      : [(e as Error).constructor.name];

  it('answers each planned status with the error the SDK raises for it', async () => {
    const trace = await driveProduct(
      async () => {
        const queue = new Queue({ key: 'sync' });
        const out: unknown[] = [];
        for (let i = 0; i < 5; i++) out.push(await queue.push(events).then(() => ['ok'], errorOf));
        return out;
      },
      { scenario: scenario([{ responses: [planned(502), planned(503), planned(504), planned(429), planned(500)] }]) },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: [
        ['PartialSuccessError', [{ body: { n: 3 } }]],
        [InvocationLimitReachedError.name],
        [PayloadTooBigError.name],
        [RateLimitError.name],
        [InternalServerError.name],
      ],
    });
    expect(trace.deliveries[0]?.requests.map((r) => [r.response.kind === 'http' && r.response.status, r.effect])).toEqual([
      [202, 'applied'],
      [405, 'not-applied'],
      [413, 'not-applied'],
      [429, 'not-applied'],
      [500, 'not-applied'],
    ]);
    expect(trace.deliveries[0]?.requests[0]?.partialFailure).toEqual({ failed: 1, of: 3, code: 'PARTIAL_SUCCESS' });
    expect(describeRequest(trace.deliveries[0]!.requests[0]!)).toMatch(/^Queue\.push sync .* -> 202 \(1 of 3 failed: PARTIAL_SUCCESS\)$/);
  });

  it('fails a single-event push whole on a planned 502', async () => {
    const trace = await driveProduct(
      async () =>
        new Queue({ key: 'sync' }).push({ body: {} }).then(
          () => 'ok',
          (e: Error) => e.constructor.name,
        ),
      {
        scenario: scenario([{ responses: [planned(502)] }]),
      },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 'InternalServerError' });
  });

  it('reports and cancels jobs pushed in the run, and knows no others', async () => {
    const trace = await driveProduct(async () => {
      const queue = new Queue({ key: 'sync' });
      const { jobId } = await queue.push(events);
      const stats = await queue.getJob(jobId).getStats();
      await queue.cancel(jobId);
      const missing = await queue
        .getJob('nope')
        .getStats()
        .then(
          () => 'found',
          (e: Error) => e.constructor.name,
        );
      return { stats, after: await queue.getStats(jobId), missing };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: { stats: { success: 3, inProgress: 0, failed: 0 }, after: { success: 0, inProgress: 0, failed: 0 }, missing: 'JobDoesNotExistError' },
    });
    expect(trace.deliveries[0]?.requests.map((r) => r.operation?.name)).toEqual(['push', 'get-stats', 'cancel', 'get-stats', 'get-stats']);
  });
});

describe('appEvents.publish', () => {
  it('publishes, reports a planned failure as a result (it never throws), and half-publishes on a planned 502', async () => {
    const trace = await driveProduct(
      async () => [
        await appEvents.publish({ key: 'issue-synced' }),
        await appEvents.publish({ key: 'issue-synced' }),
        await appEvents.publish([{ key: 'a' }, { key: 'b' }]),
      ],
      { scenario: scenario([{ responses: [{ kind: 'ok' }, planned(429), planned(502)] }]) },
    );
    expect(trace.deliveries[0]?.outcome).toMatchObject({
      kind: 'success',
      value: [
        { type: 'success', failedEvents: [] },
        { type: 'error', errorType: 'RATE_LIMIT', errorMessage: 'Rate limit exceeded (planned by forge-retry-harness)' },
        { type: 'success', failedEvents: [{ event: { key: 'b' } }] },
      ],
    });
    expect(trace.deliveries[0]?.requests.map((r) => [r.operation?.name, r.effect, r.partialFailure?.failed])).toEqual([
      ['publish', 'applied', undefined],
      ['publish', 'not-applied', undefined],
      ['publish', 'applied', 1],
    ]);
  });
});

describe('web trigger URLs', () => {
  it('answer getUrl with a plausible URL, the same one within a run, and list and delete them; none is an effect', async () => {
    const trace = await driveProduct(async () => {
      const url = await webTrigger.getUrl('issue-hook');
      const again = await webTrigger.getUrl('issue-hook');
      const listed = await webTrigger.queryUrls();
      await webTrigger.deleteUrl(url);
      return { url, same: again === url, listed, after: await webTrigger.queryUrls() };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: {
        url: 'https://harness-app.hello.atlassian-dev.net/x1/issue-hook-1',
        same: true,
        listed: [{ moduleKey: 'issue-hook', url: 'https://harness-app.hello.atlassian-dev.net/x1/issue-hook-1' }],
        after: [],
      },
    });
    expect(trace.deliveries[0]?.requests.map((r) => [r.surface, r.operation?.name])).toEqual([
      ['web-trigger', 'get-url'],
      ['web-trigger', 'get-url'],
      ['web-trigger', 'query-urls'],
      ['web-trigger', 'delete-url'],
      ['web-trigger', 'query-urls'],
    ]);
    const calledTwice = await checkRetrySemantics(
      async () => {
        await webTrigger.getUrl('issue-hook');
      },
      { properties: ['no-duplicate-effects'], numRuns: 20 },
    );
    expect(calledTwice.passed).toBe(true);
  });
});

describe('who a request is made as', () => {
  it('records asUser and withContext on the request and shows them in the timeline', async () => {
    const trace = await driveProduct(async () => {
      await asUser('5b10ac8d82e05b22cc7d4ef5').requestJira(route`/rest/api/3/myself`);
      await asApp()
        .withContext('ari:cloud:jira::site/2')
        .requestJira(route`/rest/api/3/myself`);
      await asApp().requestJira(route`/rest/api/3/myself`);
    });
    const requests = trace.deliveries[0]!.requests;
    expect(requests.map((r) => r.principal)).toEqual([
      { as: 'user', accountId: '5b10ac8d82e05b22cc7d4ef5' },
      { as: 'app', contextAri: 'ari:cloud:jira::site/2' },
      undefined,
    ]);
    expect(requests.map(describeRequest)).toEqual([
      'GET /rest/api/3/myself (as user 5b10ac8d82e05b22cc7d4ef5) -> 200',
      'GET /rest/api/3/myself (as app in context ari:cloud:jira::site/2) -> 200',
      'GET /rest/api/3/myself -> 200',
    ]);
  });
});

describe('platform APIs that are not simulated', () => {
  it('stop the check with a usage error naming the API and what to do', async () => {
    const check = checkRetrySemantics(
      async () => {
        await invokeRemote('backend', { path: '/sync', method: 'POST' });
      },
      { numRuns: 2 },
    );
    await expect(check).rejects.toMatchObject({
      name: 'HarnessUsageError',
      message: expect.stringMatching(/invokeRemote \(@forge\/api\), which is not simulated[\s\S]*Forge Remote back ends are not played/),
    });
  });
});
