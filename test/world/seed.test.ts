import { describe, expect, it } from 'vitest';
import { HarnessUsageError } from '../../src/messages/usage-error.js';
import { createWorld, parseWorldSeed } from '../../src/world/index.js';
import { jiraOf, jqlPath, wikiOf } from './call.js';

const usage = (seed: unknown): HarnessUsageError => {
  try {
    createWorld(seed as never);
  } catch (error) {
    if (error instanceof HarnessUsageError) return error;
    throw error;
  }
  throw new Error('expected a HarnessUsageError');
};

describe('world seeds', () => {
  it('makes seeded issues, projects, users, comments and properties visible to reads and searches', () => {
    const world = createWorld({
      jira: {
        users: [{ accountId: 'u-1', displayName: 'Roy Trenneman', emailAddress: 'roy@example.com' }],
        projects: [{ key: 'SUP', name: 'Support', projectTypeKey: 'service_desk', properties: { config: { enabled: true } } }],
        issues: [
          {
            key: 'SUP-7',
            id: '20007',
            summary: 'Have you tried turning it off and on again?',
            status: 'Waiting for support',
            assignee: 'u-1',
            labels: ['triage'],
            fields: { customfield_10010: { value: 'High' } },
            properties: { escalated: true },
            comments: [{ body: 'Seeded comment', author: 'u-1', properties: { origin: 'seed' } }],
          },
        ],
      },
    });
    const jira = jiraOf(world);
    const issue = jira('GET', '/rest/api/3/issue/SUP-7').body;
    expect(issue.id).toBe('20007');
    expect(issue.fields).toMatchObject({
      project: { key: 'SUP', name: 'Support', projectTypeKey: 'service_desk' },
      status: { name: 'Waiting for support' },
      assignee: { displayName: 'Roy Trenneman' },
      customfield_10010: { value: 'High' },
    });
    expect(jira('GET', '/rest/api/3/issue/SUP-7/comment').body.comments[0]).toMatchObject({ body: 'Seeded comment', author: { accountId: 'u-1' } });
    expect(jira('GET', '/rest/api/3/project/SUP/properties/config').body.value).toEqual({ enabled: true });
    expect(jira('GET', jqlPath('cf[10010] = High AND assignee = "Roy Trenneman"', '&fields=key')).body.issues[0].key).toBe('SUP-7');
    const next = jira('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, summary: 'After the seed', issuetype: { name: 'Task' } } }).body;
    expect(next).toMatchObject({ key: 'SUP-8', id: '20008' });
  });

  it('makes seeded spaces, pages, labels, properties and comments visible', () => {
    const world = createWorld({
      confluence: {
        spaces: [{ key: 'OPS', id: '777' }],
        pages: [
          { id: '5001', title: 'Runbook', body: '<p>Call Moss.</p>', labels: ['runbook'], properties: { owner: 'moss' }, comments: [{ body: '<p>Seen</p>' }] },
          { title: 'Printers', parentId: '5001', version: 4 },
        ],
      },
    });
    const wiki = wikiOf(world);
    expect(wiki('GET', '/wiki/api/v2/pages/5001?body-format=storage&include-labels=true').body).toMatchObject({
      spaceId: '777',
      body: { storage: { value: '<p>Call Moss.</p>' } },
      labels: { results: [{ name: 'runbook' }] },
    });
    expect(wiki('GET', '/wiki/api/v2/pages/5001/properties?key=owner').body.results[0].value).toBe('moss');
    expect(wiki('GET', '/wiki/api/v2/pages/5001/footer-comments').body.results).toHaveLength(1);
    const printers = wiki('GET', '/wiki/api/v2/pages?title=Printers').body.results[0];
    expect(printers).toMatchObject({ parentId: '5001', version: { number: 4 } });
    expect(world.snapshot().confluence.pages.map((p) => p.title)).toEqual(['Runbook', 'Printers']);
  });

  it('validates with valibot and returns the parsed seed', () => {
    expect(parseWorldSeed({ jira: { issues: [{ key: 'SUP-1' }] } })).toEqual({ jira: { issues: [{ key: 'SUP-1' }] } });
  });

  it('names the bad key and what to pass instead', () => {
    const bad = usage({ jira: { issues: [{ key: 'sup-1' }] } });
    expect(bad.what).toBe('world seed "jira.issues[0].key" is "sup-1"');
    expect(bad.fix).toBe('pass an issue key like "SUP-42"');
    expect(usage({ jira: { isues: [] } })).toMatchObject({
      what: 'unknown key "isues" in world seed "jira"',
      fix: 'use one of: issues, projects, users, links',
    });
    expect(usage({ confluense: {} })).toMatchObject({ what: 'unknown key "confluense" in world seed', fix: 'use one of: jira, confluence' });
    expect(usage({ jira: { issues: [{ key: 'SUP-1', labels: ['two words'] }] } }).what).toBe('world seed "jira.issues[0].labels[0]" is "two words"');
    expect(usage({ jira: 3 })).toMatchObject({ what: 'world seed "jira" is number 3', fix: 'pass an object with some of: issues, projects, users, links' });
    expect(usage({ confluence: { pages: [{ title: 'x', version: 0 }] } }).fix).toBe('pass a version number from 1');
    expect(usage({ jira: { issues: [{ key: 'SUP-1', created: 'yesterday' }] } }).what).toBe('world seed "jira.issues[0].created" is "yesterday"');
  });

  it('refuses seeds that contradict themselves, naming the key', () => {
    expect(usage({ jira: { issues: [{ key: 'SUP-1' }, { key: 'SUP-1' }] } }).what).toBe('world seed "jira.issues[1].key" repeats the issue "SUP-1"');
    expect(usage({ jira: { issues: [{ key: 'SUP-1', parent: 'SUP-9' }] } }).what).toBe(
      'world seed "jira.issues[0].parent" names "SUP-9", which is not a seeded issue',
    );
    expect(usage({ jira: { issues: [{ key: 'SUP-1' }], links: [{ type: 'Causes', inward: 'SUP-1', outward: 'SUP-1' }] } }).fix).toBe(
      'use one of: Blocks, Cloners, Duplicate, Relates',
    );
    expect(usage({ jira: { issues: [{ key: 'SUP-1', fields: { summary: 'x' } }] } }).fix).toBe('set "summary" on the issue itself (jira.issues[0].summary)');
    expect(usage({ confluence: { pages: [{ title: 'A' }, { title: 'A' }] } }).what).toBe(
      'world seed "confluence.pages[1].title" repeats the title "A" in space TEST',
    );
    expect(usage({ confluence: { pages: [{ title: 'A', parentId: '1' }] } }).what).toBe(
      'world seed "confluence.pages[0].parentId" names "1", which is not a seeded page',
    );
  });

  it('formats the error as every usage error of the harness is formatted', () => {
    expect(usage({ jira: { users: [{ accountId: '' }] } }).message).toBe(
      'forge-retry-harness: world seed "jira.users[0].accountId" is ""\n  fix  pass an account id (a non-empty string)',
    );
  });
});
