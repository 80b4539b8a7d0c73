import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/world/index.js';
import { jiraOf, jqlPath } from './call.js';

const world = () =>
  createWorld({
    jira: {
      issues: [
        { key: 'SUP-1', summary: 'Printer on fire', labels: ['hardware', 'urgent'], assignee: '5b10ac8d82e05b22cc7d4ef5', created: '2024-12-01T09:00:00.000Z' },
        { key: 'SUP-2', summary: 'Password reset', status: 'In Progress', issuetype: 'Bug', created: '2024-12-02T09:00:00.000Z' },
        {
          key: 'OPS-1',
          summary: 'Rotate printer toner',
          labels: ['hardware'],
          status: 'Done',
          created: '2024-12-03T09:00:00.000Z',
          properties: { sync: { state: 'done' } },
        },
      ],
    },
  });

const keys = (body: { issues: { key?: string; id: string }[] }) => body.issues.map((i) => i.key ?? i.id);
const search = (w: ReturnType<typeof world>, jql: string) => jiraOf(w)('GET', jqlPath(jql, '&fields=key')).body;

describe('simulated Jira: JQL search', () => {
  it('finds an issue created a moment ago', () => {
    const w = world();
    const jira = jiraOf(w);
    jira('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, summary: 'Scanner jammed', issuetype: { name: 'Task' }, labels: ['hardware'] } });
    expect(keys(search(w, 'project = SUP AND labels = hardware ORDER BY created DESC'))).toEqual(['SUP-3', 'SUP-1']);
    expect(keys(search(w, 'summary ~ "scanner"'))).toEqual(['SUP-3']);
  });

  it('pages with nextPageToken and isLast, as the 2025 API does, returning ids only by default', () => {
    const jira = jiraOf(world());
    const first = jira('GET', jqlPath('labels = hardware OR project = SUP ORDER BY key ASC', '&maxResults=2')).body;
    expect(first.issues).toEqual([{ id: '10003' }, { id: '10001' }]);
    expect(first.isLast).toBe(false);
    expect(typeof first.nextPageToken).toBe('string');
    const second = jira('GET', jqlPath('labels = hardware OR project = SUP ORDER BY key ASC', `&maxResults=2&nextPageToken=${first.nextPageToken}`)).body;
    expect(second).toEqual({ issues: [{ id: '10002' }], isLast: true });
  });

  it('takes the same search as a POST body, with fields as an array', () => {
    const reply = jiraOf(world())('POST', '/rest/api/3/search/jql', { jql: 'status != Done ORDER BY key DESC', fields: ['summary', 'status'], maxResults: 10 });
    expect(reply.body.issues.map((i: { key: string; fields: { status: { name: string } } }) => [i.key, i.fields.status.name])).toEqual([
      ['SUP-2', 'In Progress'],
      ['SUP-1', 'To Do'],
    ]);
  });

  it('supports the common clauses', () => {
    const w = world();
    expect(keys(search(w, 'key in (SUP-1, OPS-1) ORDER BY key ASC'))).toEqual(['OPS-1', 'SUP-1']);
    expect(keys(search(w, 'issuekey = sup-2'))).toEqual(['SUP-2']);
    expect(keys(search(w, 'project = SUP AND assignee is EMPTY'))).toEqual(['SUP-2']);
    expect(keys(search(w, 'assignee = 5b10ac8d82e05b22cc7d4ef5'))).toEqual(['SUP-1']);
    expect(keys(search(w, 'labels in (urgent, nothing)'))).toEqual(['SUP-1']);
    expect(keys(search(w, 'labels != urgent'))).toEqual(['OPS-1']);
    expect(keys(search(w, 'issuetype = Bug'))).toEqual(['SUP-2']);
    expect(keys(search(w, 'statusCategory = Done'))).toEqual(['OPS-1']);
    expect(keys(search(w, 'text ~ "printer" ORDER BY created ASC'))).toEqual(['SUP-1', 'OPS-1']);
    expect(keys(search(w, 'project = OPS AND NOT (status = Done)'))).toEqual([]);
    expect(keys(search(w, 'created >= "2024-12-02" ORDER BY updated ASC'))).toEqual(['SUP-2', 'OPS-1']);
    expect(keys(search(w, 'issue.property[sync].state = done'))).toEqual(['OPS-1']);
    expect(keys(search(w, 'project = SUP ORDER BY key DESC'))).toEqual(['SUP-2', 'SUP-1']);
  });

  it('answers the legacy search with startAt, maxResults and total, and navigable fields by default', () => {
    const body = jiraOf(world())('GET', `/rest/api/3/search?jql=${encodeURIComponent('ORDER BY key ASC')}&startAt=1&maxResults=1`).body;
    expect(body).toMatchObject({ startAt: 1, maxResults: 1, total: 3 });
    expect(body.issues[0].key).toBe('SUP-1');
    expect(body.issues[0].fields.project.key).toBe('SUP');
  });

  it('refuses an unbounded query, a syntax error and a project that does not exist, as Jira does', () => {
    const jira = jiraOf(world());
    expect(jira('GET', jqlPath('ORDER BY created DESC')).body.errorMessages[0]).toMatch(/^Unbounded JQL queries are not allowed/);
    expect(jira('GET', jqlPath('project = ')).body.errorMessages[0]).toMatch(/^Error in the JQL Query: Expecting either a value/);
    expect(jira('GET', jqlPath('project = NOPE'))).toEqual({
      status: 400,
      body: { errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} },
    });
  });

  it('counts approximately', () => {
    expect(jiraOf(world())('POST', '/rest/api/3/search/approximate-count', { jql: 'labels = hardware' }).body).toEqual({ count: 2 });
  });
});
