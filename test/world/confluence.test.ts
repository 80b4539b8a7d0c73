import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/world/index.js';
import { wikiOf } from './call.js';

const world = () =>
  createWorld({ confluence: { spaces: [{ key: 'OPS', name: 'Operations' }], pages: [{ title: 'Runbook', body: '<p>Call Moss.</p>', labels: ['runbook'] }] } });
const storage = (value: string) => ({ representation: 'storage', value });

describe('simulated Confluence: v2 pages', () => {
  it('creates a page, reads it by id with its body, and lists it in its space', () => {
    const wiki = wikiOf(world());
    const spaceId = wiki('GET', '/wiki/api/v2/spaces?keys=OPS').body.results[0].id;
    const created = wiki('POST', '/wiki/api/v2/pages', { spaceId, status: 'current', title: 'Incident 7', body: storage('<p>Printer</p>') });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ title: 'Incident 7', spaceId, version: { number: 1 }, body: { storage: { value: '<p>Printer</p>' } } });
    const read = wiki('GET', `/wiki/api/v2/pages/${created.body.id}?body-format=storage`).body;
    expect(read.body.storage.value).toBe('<p>Printer</p>');
    expect(wiki('GET', `/wiki/api/v2/pages/${created.body.id}`).body.body).toEqual({});
    expect(wiki('GET', `/wiki/api/v2/spaces/${spaceId}/pages`).body.results.map((p: { title: string }) => p.title)).toEqual(['Runbook', 'Incident 7']);
    expect(wiki('GET', `/wiki/api/v2/pages?space-id=${spaceId}&title=Incident%207`).body.results).toHaveLength(1);
  });

  it('refuses a second page with the same title in a space (so check-before-create matters)', () => {
    const wiki = wikiOf(world());
    const spaceId = wiki('GET', '/wiki/api/v2/spaces').body.results[0].id;
    expect(wiki('POST', '/wiki/api/v2/pages', { spaceId, title: 'Runbook' }).body.errors[0].title).toMatch(/^A page with this title already exists/);
  });

  it('updates with the next version number and refuses a stale one with 409', () => {
    const wiki = wikiOf(world());
    const page = wiki('GET', '/wiki/api/v2/pages').body.results[0];
    const update = (number: number) =>
      wiki('PUT', `/wiki/api/v2/pages/${page.id}`, {
        id: page.id,
        status: 'current',
        title: 'Runbook',
        body: storage(`<p>v${number}</p>`),
        version: { number },
      });
    expect(update(2).body.version.number).toBe(2);
    expect(update(2)).toEqual({
      status: 409,
      body: { errors: [{ status: 409, code: 'CONFLICT', title: 'Version must be incremented on update. Current version is: 2', detail: null }] },
    });
    expect(wiki('GET', `/wiki/api/v2/pages/${page.id}?body-format=storage`).body.body.storage.value).toBe('<p>v2</p>');
  });

  it('pages listings with a cursor in _links.next and a Link header', () => {
    const wiki = wikiOf(world());
    const spaceId = wiki('GET', '/wiki/api/v2/spaces').body.results[0].id;
    for (const title of ['A', 'B']) wiki('POST', '/wiki/api/v2/pages', { spaceId, title });
    const first = wiki('GET', '/wiki/api/v2/pages?limit=2');
    expect(first.body.results).toHaveLength(2);
    expect(first.headers?.['link']).toContain('rel="next"');
    const next = wiki('GET', first.body._links.next).body;
    expect(next.results.map((p: { title: string }) => p.title)).toEqual(['B']);
    expect(next._links.next).toBeUndefined();
  });

  it('deletes a page to the trash: gone from reads and listings', () => {
    const wiki = wikiOf(world());
    const page = wiki('GET', '/wiki/api/v2/pages').body.results[0];
    expect(wiki('DELETE', `/wiki/api/v2/pages/${page.id}`).status).toBe(204);
    expect(wiki('GET', `/wiki/api/v2/pages/${page.id}`).status).toBe(404);
    expect(wiki('GET', '/wiki/api/v2/pages').body.results).toEqual([]);
  });

  it("answers 404 in Confluence's error shape for a page that does not exist", () => {
    expect(wikiOf(world())('GET', '/wiki/api/v2/pages/1')).toEqual({
      status: 404,
      body: { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] },
    });
  });
});

describe('simulated Confluence: comments, labels, properties', () => {
  it('adds a footer comment (201) that the next listing shows', () => {
    const wiki = wikiOf(world());
    const page = wiki('GET', '/wiki/api/v2/pages').body.results[0];
    const created = wiki('POST', '/wiki/api/v2/footer-comments', { pageId: page.id, body: storage('<p>Done</p>') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ pageId: page.id, title: 'Re: Runbook', version: { number: 1 } });
    expect(
      wiki('GET', `/wiki/api/v2/pages/${page.id}/footer-comments?body-format=storage`).body.results.map(
        (c: { body: { storage: { value: string } } }) => c.body.storage.value,
      ),
    ).toEqual(['<p>Done</p>']);
    expect(wiki('PUT', `/wiki/api/v2/footer-comments/${created.body.id}`, { version: { number: 2 }, body: storage('<p>Redone</p>') }).status).toBe(200);
    expect(wiki('DELETE', `/wiki/api/v2/footer-comments/${created.body.id}`).status).toBe(204);
    expect(wiki('GET', `/wiki/api/v2/pages/${page.id}/footer-comments`).body.results).toEqual([]);
  });

  it('adds labels with v1 and reads them with v2', () => {
    const wiki = wikiOf(world());
    const page = wiki('GET', '/wiki/api/v2/pages').body.results[0];
    expect(wiki('POST', `/wiki/rest/api/content/${page.id}/label`, [{ prefix: 'global', name: 'Incident' }]).body.size).toBe(2);
    expect(wiki('GET', `/wiki/api/v2/pages/${page.id}/labels`).body.results.map((l: { name: string }) => l.name)).toEqual(['runbook', 'incident']);
    expect(wiki('DELETE', `/wiki/rest/api/content/${page.id}/label/runbook`).status).toBe(204);
    expect(wiki('GET', `/wiki/rest/api/content/${page.id}/label`).body.results.map((l: { name: string }) => l.name)).toEqual(['incident']);
  });

  it('keeps content properties with versions, in v2 and v1', () => {
    const wiki = wikiOf(world());
    const page = wiki('GET', '/wiki/api/v2/pages').body.results[0];
    const created = wiki('POST', `/wiki/api/v2/pages/${page.id}/properties`, { key: 'sync', value: { n: 1 } });
    expect(created.body).toMatchObject({ key: 'sync', value: { n: 1 }, version: { number: 1 } });
    expect(wiki('POST', `/wiki/api/v2/pages/${page.id}/properties`, { key: 'sync', value: {} }).status).toBe(400);
    expect(wiki('PUT', `/wiki/api/v2/pages/${page.id}/properties/${created.body.id}`, { key: 'sync', value: { n: 2 }, version: { number: 2 } }).status).toBe(
      200,
    );
    expect(wiki('GET', `/wiki/rest/api/content/${page.id}/property/sync`).body).toMatchObject({ value: { n: 2 }, version: { number: 2 } });
    expect(wiki('PUT', `/wiki/rest/api/content/${page.id}/property/sync`, { value: { n: 3 }, version: { number: 2 } }).status).toBe(409);
    expect(wiki('GET', `/wiki/api/v2/pages/${page.id}/properties?key=sync`).body.results[0].value).toEqual({ n: 2 });
    expect(wiki('DELETE', `/wiki/rest/api/content/${page.id}/property/sync`).status).toBe(204);
  });
});

describe('simulated Confluence: v1 content', () => {
  it('creates a page with v1 that v2 reads, updates it, and finds it by CQL', () => {
    const wiki = wikiOf(world());
    const created = wiki('POST', '/wiki/rest/api/content', {
      type: 'page',
      title: 'Post-mortem',
      space: { key: 'OPS' },
      body: { storage: { value: '<p>Toner</p>', representation: 'storage' } },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: 'page', space: { key: 'OPS' }, version: { number: 1 }, body: { storage: { value: '<p>Toner</p>' } } });
    expect(wiki('GET', `/wiki/api/v2/pages/${created.body.id}`).body.title).toBe('Post-mortem');
    expect(
      wiki('PUT', `/wiki/rest/api/content/${created.body.id}`, {
        type: 'page',
        title: 'Post-mortem',
        version: { number: 2 },
        body: { storage: { value: '<p>Done</p>', representation: 'storage' } },
      }).body.version.number,
    ).toBe(2);
    expect(wiki('GET', `/wiki/rest/api/content/${created.body.id}?expand=body.storage,version`).body.body.storage.value).toBe('<p>Done</p>');
    const found = wiki('GET', `/wiki/rest/api/content/search?cql=${encodeURIComponent('space = OPS AND type = page AND title ~ "post"')}`).body;
    expect(found.results.map((r: { title: string }) => r.title)).toEqual(['Post-mortem']);
    expect(wiki('GET', '/wiki/rest/api/content?spaceKey=OPS&title=Runbook').body.size).toBe(1);
  });

  it('adds a comment as v1 content and lists it as a child', () => {
    const wiki = wikiOf(world());
    const page = wiki('GET', '/wiki/api/v2/pages').body.results[0];
    wiki('POST', '/wiki/rest/api/content', {
      type: 'comment',
      container: { id: page.id, type: 'page' },
      body: { storage: { value: '<p>+1</p>', representation: 'storage' } },
    });
    expect(wiki('GET', `/wiki/rest/api/content/${page.id}/child/comment`).body.size).toBe(1);
    expect(wiki('GET', `/wiki/rest/api/content/404`)).toMatchObject({ status: 404, body: { statusCode: 404, message: 'No content found with id: 404' } });
  });
});
