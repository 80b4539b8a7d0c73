import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics, HarnessUsageError } from '../../src/index.js';
import { resolveOptions } from '../../src/api/options.js';
import { defaultPayload } from '../../src/payloads/event-payloads.js';
import { driveProduct, scenario } from '../runtime/helpers.js';

const comment = (text: string) => JSON.stringify({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } });
const post = (key: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${key}/comment`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: comment('hi') });
const count = async (key: string) => ((await (await asApp().requestJira(route`/rest/api/3/issue/${key}/comment`)).json()) as { total: number }).total;
const usage = (fn: () => unknown): HarnessUsageError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof HarnessUsageError) return error;
    throw error;
  }
  throw new Error('no usage error');
};

describe('the world as the default upstream', () => {
  it("holds the event's issue with its project, answers a created comment 201 and lists it afterwards", async () => {
    const trace = await driveProduct(
      async (event: { issue: { key: string } }) => {
        const issue = (await (await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}`)).json()) as { fields: { project: { key: string } } };
        const created = await post(event.issue.key);
        return { project: issue.fields.project.key, created: created.status, listed: await count(event.issue.key) };
      },
      { event: defaultPayload('avi:jira:created:issue') },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { project: 'SUP', created: 201, listed: 1 } });
    expect(trace.deliveries[0]?.requests.map((r) => r.source)).toEqual(['world', 'world', 'world']);
  });

  it('keeps a write whose response was lost but which took effect, and not one that was lost', async () => {
    const handler = async (event: { issue: { key: string } }) => ({ before: await count(event.issue.key), posted: (await post(event.issue.key)).status });
    const run = (effect: 'applied' | 'not-applied') =>
      driveProduct(handler, {
        event: { issue: { key: 'SUP-1' } },
        scenario: scenario([{ fault: { kind: 'crash-at-request', fault: 'timeout', request: 2, effect } }]),
      });
    const applied = await run('applied');
    const lost = await run('not-applied');
    expect(applied.deliveries[1]?.outcome).toEqual({ kind: 'success', value: { before: 1, posted: 201 } });
    expect(lost.deliveries[1]?.outcome).toEqual({ kind: 'success', value: { before: 0, posted: 201 } });
  });

  it('answers a planned failure on top of the state without applying the write', async () => {
    const trace = await driveProduct(
      async (event: { issue: { key: string } }) => {
        const first = await post(event.issue.key);
        return { first: first.status, listed: await count(event.issue.key) };
      },
      { event: { issue: { key: 'SUP-1' } }, scenario: scenario([{ responses: [{ kind: 'status', status: 503, headers: {} }] }]) },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { first: 503, listed: 0 } });
  });

  it('answers an endpoint it does not simulate with the documented status and a schema-shaped body', async () => {
    const trace = await driveProduct(async () => {
      const res = await asApp().requestJira(route`/rest/api/3/dashboard`);
      return { status: res.status, keys: Object.keys((await res.json()) as object).sort() };
    });
    expect(trace.deliveries[0]?.outcome).toMatchObject({ kind: 'success', value: { status: 200 } });
    expect((trace.deliveries[0]?.outcome as { value: { keys: string[] } }).value.keys).toContain('dashboards');
  });

  it("lets the user's fixture override what it names, the world answering the rest", async () => {
    const trace = await driveProduct(
      async (event: { issue: { key: string } }) => [
        (await post(event.issue.key)).status,
        (await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}`)).status,
      ],
      { event: { issue: { key: 'SUP-1' } }, upstream: (req) => (req.method === 'POST' ? { status: 200, body: {} } : undefined) },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: [200, 200] });
    expect(trace.deliveries[0]?.requests.map((r) => r.source)).toEqual(['fixture', 'world']);
  });

  it('starts every run from a fresh world', async () => {
    const seen: number[] = [];
    let posts = 0;
    const result = await checkRetrySemantics(
      async (event: { issue: { key: string } }) => {
        try {
          const listed = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/comment`);
          if (listed.ok) seen.push(((await listed.json()) as { total: number }).total);
          posts += 1;
          await post(event.issue.key);
        } catch {
          // A planned network error: this test only counts comments.
        }
      },
      { numRuns: 30, properties: ['survives-every-delivery'] },
    );
    // One run has at most 12 deliveries: more comments than that would have leaked from an earlier run.
    expect(result.runs).toBe(30);
    expect(posts).toBeGreaterThan(12);
    expect(Math.max(...seen)).toBeLessThan(12);
  });
});

describe('seeds', () => {
  it('seeds the key-value store for every run', async () => {
    const seen: unknown[] = [];
    await checkRetrySemantics(
      async () => {
        seen.push(await kvs.get('config'));
        await kvs.set('config', { enabled: false });
      },
      { numRuns: 3, storage: { keys: { config: { enabled: true } } }, properties: ['survives-every-delivery'] },
    );
    expect(seen[0]).toEqual({ enabled: true });
  });

  it('makes a generated event refer to a seeded issue, which GET finds', async () => {
    const statuses: [string, number][] = [];
    await checkRetrySemantics(
      async (event: { issue: { key: string; id: string } }) => {
        const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.id}`);
        statuses.push([event.issue.key, res.status]);
      },
      {
        eventType: 'avi:jira:updated:issue',
        numRuns: 10,
        jira: { issues: [{ key: 'OPS-7' }, { key: 'OPS-8', summary: 'Config' }] },
        properties: ['survives-every-delivery'],
      },
    );
    expect(new Set(statuses.map(([key]) => key))).toEqual(new Set(['OPS-7', 'OPS-8']));
    // Planned 429s and 5xx aside, every GET finds the issue: none is a 404.
    expect(statuses.some(([, status]) => status === 200)).toBe(true);
    expect(statuses.filter(([, status]) => status < 429)).toEqual(statuses.filter(([, status]) => status === 200));
  });

  it('puts the Confluence page of the event in the world', async () => {
    const trace = await driveProduct(
      async (event: { content: { id: string } }) => (await asApp().requestConfluence(route`/wiki/api/v2/pages/${event.content.id}`)).status,
      { event: defaultPayload('avi:confluence:created:page') },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 200 });
  });
});

describe('the event options', () => {
  it('generates eventType payloads from the seed', () => {
    const { options } = resolveOptions(() => undefined, { eventType: 'avi:jira:updated:issue' });
    const [a] = fc.sample(options.event, { seed: 7, numRuns: 1 });
    const [b] = fc.sample(options.event, { seed: 7, numRuns: 1 });
    expect(a).toEqual(b);
    expect((a as { changelog: { items: unknown[] } }).changelog.items.length).toBeGreaterThan(0);
  });

  it('delivers the catalog issue-created payload when neither event nor eventType is given, and the event when given', () => {
    const [dflt] = fc.sample(resolveOptions(() => undefined, {}).options.event, 1);
    expect(dflt).toEqual(defaultPayload('avi:jira:created:issue'));
    const [given] = fc.sample(resolveOptions(() => undefined, { eventType: 'avi:jira:updated:issue', event: { n: 1 } }).options.event, 1);
    expect(given).toEqual({ n: 1 });
  });

  it("stamps moduleKey into the eventType payloads' Forge context, and refuses it where there is nothing to stamp", () => {
    const { options } = resolveOptions(() => undefined, { eventType: 'avi:jira:updated:issue', moduleKey: 'issue-sync' });
    const [stamped] = fc.sample(options.event, { seed: 7, numRuns: 1 });
    expect((stamped as { context: { moduleKey: string; cloudId: string } }).context).toMatchObject({ moduleKey: 'issue-sync', cloudId: expect.any(String) });
    expect(options.generatedFrom).toEqual({ eventType: 'avi:jira:updated:issue', payloadVariants: false, moduleKey: 'issue-sync' });
    expect(usage(() => resolveOptions(() => undefined, { moduleKey: 'issue-sync' })).what).toBe('option "moduleKey" is "issue-sync" without "eventType"');
    expect(usage(() => resolveOptions(() => undefined, { event: {}, eventType: 'avi:jira:updated:issue', moduleKey: 'x' })).what).toContain('with "event"');
    expect(usage(() => resolveOptions(() => undefined, { eventType: 'avi:jira:updated:issue', moduleKey: '' })).what).toBe('option "moduleKey" is ""');
  });

  it('refuses an unknown eventType, naming the close matches', () => {
    const error = usage(() => resolveOptions(() => undefined, { eventType: 'avi:jira:update:issue' }));
    expect(error.what).toBe('option "eventType" is "avi:jira:update:issue"');
    expect(error.fix).toContain('avi:jira:updated:issue');
  });

  it('refuses eventType for async events', () => {
    expect(usage(() => resolveOptions(() => undefined, { trigger: 'async-event', eventType: 'avi:jira:updated:issue' })).what).toContain('eventType');
  });

  it('refuses bad seeds, naming the key', () => {
    expect(usage(() => resolveOptions(() => undefined, { storage: { kv: {} } })).what).toBe('unknown field "kv" in option "storage"');
    expect(usage(() => resolveOptions(() => undefined, { storage: { keys: { a: null } } })).what).toBe('option "storage.keys.a" is null');
    expect(usage(() => resolveOptions(() => undefined, { jira: { issues: [{ key: 'sup-1' }] } })).what).toBe('option "jira.issues[0].key" is "sup-1"');
    expect(usage(() => resolveOptions(() => undefined, { confluence: { pages: [{}] } })).what).toBe('option "confluence.pages[0].title" is missing');
    expect(usage(() => resolveOptions(() => undefined, { jira: { issues: [{ key: 'A-1' }, { key: 'A-1' }] } })).what).toContain('jira.issues[1].key');
    expect(usage(() => resolveOptions(() => undefined, { payloadVariants: 'yes' })).what).toBe('option "payloadVariants" is "yes"');
  });
});
