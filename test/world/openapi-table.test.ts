import { describe, expect, it } from 'vitest';
import { OPENAPI_BODIES, OPENAPI_TABLE } from '../../src/world/openapi-table.js';
import { CONFLUENCE_ROUTES, JIRA_ROUTES, createWorld, documentedOperation } from '../../src/world/index.js';

describe('OpenAPI table', () => {
  it('gives the documented status and a schema-shaped body for endpoints the world does not simulate', () => {
    const world = createWorld();
    expect(world.answer({ surface: 'jira', method: 'POST', path: '/rest/api/3/version', body: { name: '1.0' } })).toMatchObject({
      status: 201,
      body: { id: '', name: '', released: false },
    });
    expect(world.answer({ surface: 'jira', method: 'DELETE', path: '/rest/api/3/version/10000' })).toEqual({ status: 204, body: undefined });
    expect(world.answer({ surface: 'jira', method: 'POST', path: '/rest/agile/1.0/sprint', body: {} })?.status).toBe(201);
    expect(world.answer({ surface: 'confluence', method: 'POST', path: '/wiki/api/v2/blogposts', body: {} })?.status).toBe(200);
    expect(world.answer({ surface: 'jira', method: 'GET', path: '/rest/api/3/serverInfo' })?.body).toHaveProperty('baseUrl', '');
  });

  it('answers 404 for a documented endpoint under an issue or page that does not exist', () => {
    const world = createWorld({ jira: { issues: [{ key: 'SUP-1' }] } });
    expect(world.answer({ surface: 'jira', method: 'GET', path: '/rest/api/3/issue/SUP-1/changelog' })?.status).toBe(200);
    expect(world.answer({ surface: 'jira', method: 'GET', path: '/rest/api/3/issue/SUP-2/changelog' })?.status).toBe(404);
    expect(world.answer({ surface: 'confluence', method: 'GET', path: '/wiki/api/v2/pages/1/versions' })?.status).toBe(404);
  });

  it('says a last page is the last, so a paging handler stops', () => {
    expect(documentedOperation('GET', '/rest/api/3/issue/SUP-1/changelog')?.body).toMatchObject({ isLast: true });
  });

  it('maps /rest/api/2 and /latest onto v3, ignores the query, and knows nothing of unknown paths', () => {
    expect(documentedOperation('GET', '/rest/api/2/issue/SUP-1/changelog?startAt=0')?.template).toBe('/rest/api/3/issue/{issueIdOrKey}/changelog');
    expect(documentedOperation('GET', '/rest/api/latest/field')?.template).toBe('/rest/api/3/field');
    expect(documentedOperation('GET', '/rest/api/3/issue/picker')?.template).toBe('/rest/api/3/issue/picker');
    expect(documentedOperation('GET', '/rest/nothing/here')).toBeUndefined();
    expect(createWorld().answer({ surface: 'jira', method: 'GET', path: '/rest/nothing/here' })).toBeUndefined();
  });

  it('documents every endpoint the world simulates, so the two name endpoints alike', () => {
    const shape = (t: string) => t.replace(/\{[^}]+\}/g, '{}');
    const missing = [...JIRA_ROUTES, ...CONFLUENCE_ROUTES]
      .filter((r) => shape(documentedOperation(r.method, r.template)?.template ?? '') !== shape(r.template))
      .map((r) => `${r.method} ${r.template}`);
    expect(missing).toEqual([]);
  });

  it('stays compact: one row per operation, skeletons shared, well under a few hundred KB', () => {
    expect(OPENAPI_TABLE.length).toBeGreaterThan(900);
    expect(new Set(OPENAPI_TABLE.map(([m, p]) => `${m} ${p}`)).size).toBe(OPENAPI_TABLE.length);
    expect(
      OPENAPI_TABLE.every(
        ([, , statuses, body]) =>
          statuses.length > 0 && statuses.every((s) => s >= 200 && s < 300) && (body === undefined || OPENAPI_BODIES[body] !== undefined),
      ),
    ).toBe(true);
    expect(JSON.stringify(OPENAPI_TABLE).length + JSON.stringify(OPENAPI_BODIES).length).toBeLessThan(150_000);
  });
});
