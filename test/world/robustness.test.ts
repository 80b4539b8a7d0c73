import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFLUENCE_ROUTES, JIRA_ROUTES, createWorld, type WorldRequest } from '../../src/world/index.js';

/** Ids that exist in the seeded world, mixed with arbitrary text, so routes are hit both ways. */
const param = fc.oneof(fc.constantFrom('SUP-1', 'sup-1', '10001', '10000', '98305', '131073', 'sync', 'TEST'), fc.string({ minLength: 1, maxLength: 12 }));

const body = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.json({ maxDepth: 2 }), fc.string({ maxLength: 20 }));

const query = fc.dictionary(
  fc.constantFrom('fields', 'jql', 'maxResults', 'startAt', 'nextPageToken', 'cursor', 'limit', 'expand', 'body-format', 'status', 'cql', 'accountId', 'query'),
  fc.string({ maxLength: 16 }),
  { maxKeys: 3 },
);

const request: fc.Arbitrary<WorldRequest> = fc
  .tuple(
    fc.constantFrom(...JIRA_ROUTES.map((r) => ['jira', r] as const), ...CONFLUENCE_ROUTES.map((r) => ['confluence', r] as const)),
    fc.array(param, { minLength: 4, maxLength: 4 }),
    query,
    body,
  )
  .map(([[surface, route], values, q, b]) => {
    let i = 0;
    const path = route.template.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++ % values.length]!));
    const qs = new URLSearchParams(q).toString();
    return { surface, method: route.method, path: qs === '' ? path : `${path}?${qs}`, ...(b === undefined ? {} : { body: b }) };
  });

describe('world robustness', () => {
  it('answers any sequence of requests to its endpoints with a status and a JSON body, never throwing', () => {
    fc.assert(
      fc.property(fc.array(request, { maxLength: 25 }), (requests) => {
        const world = createWorld({ jira: { issues: [{ key: 'SUP-1', comments: [{ body: 'c' }] }] }, confluence: { pages: [{ title: 'Runbook' }] } });
        for (const r of requests) {
          const answer = world.answer(r);
          expect(answer).toBeDefined();
          expect(Number.isInteger(answer!.status) && answer!.status >= 200 && answer!.status < 600).toBe(true);
          expect(() => JSON.stringify(answer!.body)).not.toThrow();
        }
        expect(() => JSON.stringify(world.snapshot())).not.toThrow();
      }),
      { numRuns: 200, seed: 20250101 },
    );
  });
});
