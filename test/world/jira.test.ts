import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/world/index.js';
import { adf, jiraOf } from './call.js';

const seeded = () =>
  createWorld({ jira: { projects: [{ key: 'SUP', name: 'Support' }], issues: [{ key: 'SUP-1', summary: 'Printer on fire', labels: ['hardware'] }] } });

describe('simulated Jira: issues', () => {
  it('answers a created issue 201 with id, key and self, and GET issue has the project and the other fields', () => {
    const jira = jiraOf(seeded());
    const created = jira('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SUP' }, summary: 'Toner low', issuetype: { name: 'Bug' }, labels: ['toner'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: '10002', key: 'SUP-2', self: 'https://harness.atlassian.net/rest/api/3/issue/10002' });
    const issue = jira('GET', '/rest/api/3/issue/SUP-2').body;
    expect(issue.fields.project).toMatchObject({ key: 'SUP', name: 'Support', id: '10000' });
    expect(issue.fields.issuetype.name).toBe('Bug');
    expect(issue.fields.status).toMatchObject({ name: 'To Do', statusCategory: { key: 'new' } });
    expect(issue.fields.labels).toEqual(['toner']);
    expect(issue.fields.assignee).toBeNull();
    expect(issue.fields.reporter.accountType).toBe('app');
    expect(issue.fields.created).toBe('2025-01-01T00:00:01.000+0000');
    expect(issue.fields.updated).toBe(issue.fields.created);
  });

  it('reads an issue by id or lower-case key, and through /rest/api/2 with v2 self links', () => {
    const jira = jiraOf(seeded());
    expect(jira('GET', '/rest/api/3/issue/10001').body.key).toBe('SUP-1');
    expect(jira('GET', '/rest/api/3/issue/sup-1').body.key).toBe('SUP-1');
    expect(jira('GET', '/rest/api/2/issue/SUP-1').body.self).toBe('https://harness.atlassian.net/rest/api/2/issue/10001');
  });

  it('selects fields as `fields=` asks', () => {
    const jira = jiraOf(seeded());
    expect(Object.keys(jira('GET', '/rest/api/3/issue/SUP-1?fields=summary,labels').body.fields)).toEqual(['summary', 'labels']);
    expect(jira('GET', '/rest/api/3/issue/SUP-1?fields=-description').body.fields).not.toHaveProperty('description');
  });

  it("answers 404 with Jira's error shape for an issue that does not exist", () => {
    const jira = jiraOf(seeded());
    expect(jira('GET', '/rest/api/3/issue/SUP-99')).toEqual({
      status: 404,
      body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} },
    });
  });

  it('refuses a create without summary or issue type, naming the fields', () => {
    const reply = jiraOf(seeded())('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' } } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ errorMessages: [], errors: { issuetype: 'Specify an issue type', summary: 'You must specify a summary of the issue.' } });
  });

  it('reflects a PUT in the next GET: labels set and updated, summary, assignee; the update time moves', () => {
    const world = seeded();
    const jira = jiraOf(world);
    const before = jira('GET', '/rest/api/3/issue/SUP-1').body.fields.updated;
    const put = jira('PUT', '/rest/api/3/issue/SUP-1', {
      fields: { summary: 'Printer on fire (again)', assignee: { accountId: '5b10ac8d82e05b22cc7d4ef5' } },
      update: { labels: [{ add: 'urgent' }, { remove: 'hardware' }] },
    });
    expect(put).toEqual({ status: 204, body: undefined });
    const after = jira('GET', '/rest/api/3/issue/SUP-1').body.fields;
    expect(after.summary).toBe('Printer on fire (again)');
    expect(after.labels).toEqual(['urgent']);
    expect(after.assignee.displayName).toBe('Mia Krystof');
    expect(after.updated > before).toBe(true);
  });

  it('leaves the issue unchanged when an edit is refused', () => {
    const jira = jiraOf(seeded());
    const reply = jira('PUT', '/rest/api/3/issue/SUP-1', { fields: { summary: 'Changed', labels: ['has space'] } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.labels).toContain('has space');
    expect(jira('GET', '/rest/api/3/issue/SUP-1').body.fields.summary).toBe('Printer on fire');
  });

  it('assigns, transitions and deletes', () => {
    const jira = jiraOf(seeded());
    expect(jira('PUT', '/rest/api/3/issue/SUP-1/assignee', { accountId: '5b10a2844c20165700ede21g' }).status).toBe(204);
    const transitions = jira('GET', '/rest/api/3/issue/SUP-1/transitions').body.transitions;
    expect(transitions.map((t: { name: string }) => t.name)).toEqual(['To Do', 'In Progress', 'Done']);
    expect(jira('POST', '/rest/api/3/issue/SUP-1/transitions', { transition: { id: '31' } }).status).toBe(204);
    const fields = jira('GET', '/rest/api/3/issue/SUP-1').body.fields;
    expect(fields.status.name).toBe('Done');
    expect(fields.resolution.name).toBe('Done');
    expect(fields.assignee.displayName).toBe('Emma Richards');
    expect(jira('POST', '/rest/api/3/issue/SUP-1/transitions', { transition: { id: '99' } }).status).toBe(400);
    expect(jira('DELETE', '/rest/api/3/issue/SUP-1').status).toBe(204);
    expect(jira('GET', '/rest/api/3/issue/SUP-1').status).toBe(404);
  });

  it('creates issues in bulk, and in a project it had not heard of by key', () => {
    const jira = jiraOf(seeded());
    const reply = jira('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [{ fields: { project: { key: 'OPS' }, summary: 'A', issuetype: { name: 'Task' } } }, { fields: { project: { key: 'OPS' } } }],
    });
    expect(reply.status).toBe(201);
    expect(reply.body.issues.map((i: { key: string }) => i.key)).toEqual(['OPS-1']);
    expect(reply.body.errors[0].failedElementNumber).toBe(1);
    expect(jira('GET', '/rest/api/3/project/OPS').body.key).toBe('OPS');
  });
});

describe('simulated Jira: comments', () => {
  it('answers a created comment 201 with the comment', () => {
    const reply = jiraOf(seeded())('POST', '/rest/api/3/issue/SUP-1/comment', { body: adf('On it') });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ id: '10000', body: adf('On it'), author: { accountType: 'app' }, created: '2025-01-01T00:00:01.000+0000' });
  });

  it('lets a check-before-create handler see its own comment on the next delivery', () => {
    const world = seeded();
    const jira = jiraOf(world);
    const marker = 'harness-marker-42';
    const deliver = () => {
      const listing = jira('GET', '/rest/api/3/issue/SUP-1/comment?maxResults=100').body;
      const already = listing.comments.some((c: { body: unknown }) => JSON.stringify(c.body).includes(marker));
      if (!already) jira('POST', '/rest/api/3/issue/SUP-1/comment', { body: adf(`Escalated ${marker}`) });
      return already;
    };
    expect(deliver()).toBe(false);
    expect(deliver()).toBe(true);
    expect(deliver()).toBe(true);
    expect(world.snapshot().jira.issues[0]!.comments).toHaveLength(1);
  });

  it('pages comments with startAt, maxResults and total, and orders by -created', () => {
    const jira = jiraOf(seeded());
    for (const text of ['a', 'b', 'c']) jira('POST', '/rest/api/3/issue/SUP-1/comment', { body: text });
    const page = jira('GET', '/rest/api/3/issue/SUP-1/comment?startAt=1&maxResults=1').body;
    expect(page).toMatchObject({ startAt: 1, maxResults: 1, total: 3 });
    expect(page.comments.map((c: { body: string }) => c.body)).toEqual(['b']);
    expect(jira('GET', '/rest/api/3/issue/SUP-1/comment?orderBy=-created').body.comments[0].body).toBe('c');
  });

  it('updates and deletes a comment, and keeps comment properties', () => {
    const jira = jiraOf(seeded());
    const id = jira('POST', '/rest/api/3/issue/SUP-1/comment', { body: 'first', properties: [{ key: 'origin', value: { app: true } }] }).body.id;
    expect(jira('PUT', `/rest/api/3/issue/SUP-1/comment/${id}`, { body: 'second' }).body.body).toBe('second');
    expect(jira('GET', `/rest/api/3/comment/${id}/properties/origin`).body).toEqual({ key: 'origin', value: { app: true } });
    expect(jira('PUT', `/rest/api/3/comment/${id}/properties/synced`, true).status).toBe(201);
    expect(jira('GET', `/rest/api/3/issue/SUP-1/comment/${id}?expand=properties`).body.properties).toEqual([
      { key: 'origin', value: { app: true } },
      { key: 'synced', value: true },
    ]);
    expect(jira('DELETE', `/rest/api/3/issue/SUP-1/comment/${id}`).status).toBe(204);
    expect(jira('GET', `/rest/api/3/issue/SUP-1/comment/${id}`).status).toBe(404);
  });

  it('adds a comment through the update operation of edit-issue', () => {
    const jira = jiraOf(seeded());
    jira('PUT', '/rest/api/3/issue/SUP-1', { update: { comment: [{ add: { body: 'via edit' } }] } });
    expect(jira('GET', '/rest/api/3/issue/SUP-1/comment').body.total).toBe(1);
  });
});

describe('simulated Jira: properties, links, worklogs, watchers, users', () => {
  it('sets an issue property with 201, replaces it with 200, reads, lists and deletes it', () => {
    const jira = jiraOf(seeded());
    expect(jira('PUT', '/rest/api/3/issue/SUP-1/properties/sync', { at: 1 }).status).toBe(201);
    expect(jira('PUT', '/rest/api/3/issue/SUP-1/properties/sync', { at: 2 }).status).toBe(200);
    expect(jira('GET', '/rest/api/3/issue/SUP-1/properties/sync').body).toEqual({ key: 'sync', value: { at: 2 } });
    expect(jira('GET', '/rest/api/3/issue/SUP-1/properties').body.keys.map((k: { key: string }) => k.key)).toEqual(['sync']);
    expect(jira('GET', '/rest/api/3/issue/SUP-1?properties=sync').body.properties).toEqual({ sync: { at: 2 } });
    expect(jira('DELETE', '/rest/api/3/issue/SUP-1/properties/sync').status).toBe(204);
    expect(jira('GET', '/rest/api/3/issue/SUP-1/properties/sync').status).toBe(404);
  });

  it('keeps project properties', () => {
    const jira = jiraOf(seeded());
    expect(jira('PUT', '/rest/api/3/project/SUP/properties/config', { enabled: true }).status).toBe(201);
    expect(jira('GET', '/rest/api/3/project/10000/properties/config').body.value).toEqual({ enabled: true });
    expect(jira('GET', '/rest/api/3/project/NOPE/properties/config').status).toBe(404);
  });

  it('links issues (201) and shows the link on both', () => {
    const jira = jiraOf(seeded());
    jira('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, summary: 'Blocked one', issuetype: { name: 'Task' } } });
    expect(jira('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: 'SUP-2' }, outwardIssue: { key: 'SUP-1' } }).status).toBe(201);
    expect(jira('GET', '/rest/api/3/issue/SUP-1').body.fields.issuelinks[0]).toMatchObject({ type: { name: 'Blocks' }, inwardIssue: { key: 'SUP-2' } });
    expect(jira('GET', '/rest/api/3/issue/SUP-2').body.fields.issuelinks[0]).toMatchObject({ outwardIssue: { key: 'SUP-1' } });
    expect(jira('POST', '/rest/api/3/issueLink', { type: { name: 'Nope' }, inwardIssue: { key: 'SUP-2' }, outwardIssue: { key: 'SUP-1' } }).status).toBe(404);
  });

  it('logs work (201) and lists it', () => {
    const jira = jiraOf(seeded());
    const created = jira('POST', '/rest/api/3/issue/SUP-1/worklog', { timeSpent: '1h 30m', comment: adf('fixed') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ timeSpentSeconds: 5400, timeSpent: '1h 30m', issueId: '10001' });
    expect(jira('GET', '/rest/api/3/issue/SUP-1/worklog').body).toMatchObject({ total: 1, worklogs: [{ id: created.body.id }] });
    expect(jira('POST', '/rest/api/3/issue/SUP-1/worklog', {}).status).toBe(400);
  });

  it('adds and removes watchers', () => {
    const jira = jiraOf(seeded());
    expect(jira('POST', '/rest/api/3/issue/SUP-1/watchers', '"5b10ac8d82e05b22cc7d4ef5"').status).toBe(204);
    expect(jira('GET', '/rest/api/3/issue/SUP-1/watchers').body).toMatchObject({ watchCount: 1, watchers: [{ displayName: 'Mia Krystof' }] });
    expect(jira('DELETE', '/rest/api/3/issue/SUP-1/watchers?accountId=5b10ac8d82e05b22cc7d4ef5').status).toBe(204);
    expect(jira('GET', '/rest/api/3/issue/SUP-1/watchers').body.watchCount).toBe(0);
  });

  it('searches users and reads one by account id', () => {
    const jira = jiraOf(seeded());
    expect(jira('GET', '/rest/api/3/user/search?query=mia').body.map((u: { accountId: string }) => u.accountId)).toEqual(['5b10ac8d82e05b22cc7d4ef5']);
    expect(jira('GET', '/rest/api/3/user?accountId=5b10a2844c20165700ede21g').body.displayName).toBe('Emma Richards');
    expect(jira('GET', '/rest/api/3/user?accountId=nobody').status).toBe(404);
    expect(jira('GET', '/rest/api/3/myself').body.accountType).toBe('app');
  });

  it('lists the labels in use', () => {
    const jira = jiraOf(seeded());
    jira('PUT', '/rest/api/3/issue/SUP-1', { fields: { labels: ['b', 'a'] } });
    expect(jira('GET', '/rest/api/3/label').body).toMatchObject({ total: 2, isLast: true, values: ['a', 'b'] });
  });
});
