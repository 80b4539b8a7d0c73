/**
 * `webTrigger` of @forge/api 8.3.0 (read in node_modules/@forge/api/out/webTrigger.js): `getUrl`,
 * `deleteUrl` and `queryUrls` post the GraphQL mutation `createWebTriggerUrl`, the mutation
 * `deleteWebTriggerUrl` and the query `webTriggerUrlsByAppContext` to `/graphql` on the gateway, and
 * throw unless the answer carries `data.createWebTriggerUrl.url`, `data.deleteWebTriggerUrl.success`
 * or `data.webTriggerUrlsByAppContext`. The harness answers with a plausible URL, the same one for a
 * module key within a run (a new one with `forceCreate`); none of these calls is an effect. Failures
 * come as GraphQL errors, so the SDK throws its "Internal error occurred" error.
 */
import type { Operation } from '../../models/trace.js';
import { httpAnswer } from './answer.js';
import { asRecord } from './kvs-wire.js';
import { graphQlFailure, serviceFailure } from './planned.js';
import { fromStore } from './prepared.js';
import type { SurfaceSimulator } from './simulator.js';

/** The GraphQL root fields that are web trigger calls. */
export const WEB_TRIGGER_FIELDS = ['createWebTriggerUrl', 'deleteWebTriggerUrl', 'webTriggerUrlsByAppContext'] as const;

const SITE = 'https://harness-app.hello.atlassian-dev.net/x1';

/** Web trigger URLs. */
export const webTriggerSimulator: SurfaceSimulator = {
  failure: serviceFailure(graphQlFailure),
  prepare: (request, ctx) => {
    let body: Record<string, unknown> = {};
    try {
      body = asRecord(JSON.parse(request.body ?? '{}'));
    } catch {
      // Only a JSON body reaches this surface (see classify.ts).
    }
    const query = typeof body['query'] === 'string' ? body['query'] : '';
    const variables = asRecord(body['variables']);
    const urls = ctx.platform.webTriggers;
    if (query.includes('createWebTriggerUrl')) {
      const key = String(asRecord(variables['input'])['triggerKey']);
      const operation: Operation = { surface: 'web-trigger', name: 'get-url', key };
      return {
        mutates: false,
        operation,
        apply: () => {
          const existing = urls.get(key);
          const url = existing !== undefined && variables['forceCreate'] !== true ? existing : `${SITE}/${encodeURIComponent(key)}-${urls.size + 1}`;
          urls.set(key, url);
          return fromStore(httpAnswer(200, { data: { createWebTriggerUrl: { url } } }));
        },
      };
    }
    if (query.includes('deleteWebTriggerUrl')) {
      const id = String(variables['id']);
      return {
        mutates: true,
        operation: { surface: 'web-trigger', name: 'delete-url', key: id },
        apply: () => {
          const found = [...urls].find(([, url]) => url.endsWith(`/${id}`));
          if (found !== undefined) urls.delete(found[0]);
          return fromStore(httpAnswer(200, { data: { deleteWebTriggerUrl: { success: true, message: null } } }));
        },
      };
    }
    return {
      mutates: false,
      operation: { surface: 'web-trigger', name: 'query-urls' },
      apply: () => fromStore(httpAnswer(200, { data: { webTriggerUrlsByAppContext: [...urls].map(([triggerKey, url]) => ({ triggerKey, url })) } })),
    };
  },
};
