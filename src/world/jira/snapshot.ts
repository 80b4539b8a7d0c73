/**
 * A plain, deterministic copy of the Jira site for assertions and reports: what exists now, in the
 * seed's vocabulary (issue keys, account ids, status names), timestamps as Jira writes them.
 */
import { jiraTime } from '../clock.js';
import type { JiraState } from './state.js';

const record = (map: Map<string, unknown>): Record<string, unknown> => Object.fromEntries(map);

/**
 * The site's state as plain data.
 *
 * @example
 * jiraSnapshot(jira).issues.map((i) => i.key) // ['SUP-1']
 */
export const jiraSnapshot = (state: JiraState) => {
  const keyOf = (id: string) => state.issues.get(id)?.key ?? id;
  return structuredClone({
    users: [...state.users.values()].map((u) => ({ ...u })),
    projects: [...state.projects.values()].map((p) => ({
      id: p.id,
      key: p.key,
      name: p.name,
      projectTypeKey: p.projectTypeKey,
      properties: record(p.properties),
    })),
    issues: [...state.issues.values()].map((i) => ({
      id: i.id,
      key: i.key,
      project: state.projects.get(i.projectId)!.key,
      summary: i.summary,
      description: i.description,
      issuetype: i.issuetype,
      status: i.status,
      priority: i.priority,
      labels: [...i.labels],
      assignee: i.assignee,
      reporter: i.reporter,
      ...(i.parent === undefined ? {} : { parent: keyOf(i.parent) }),
      duedate: i.duedate,
      fields: { ...i.other },
      created: jiraTime(i.created),
      updated: jiraTime(i.updated),
      properties: record(i.properties),
      comments: i.comments.map((c) => ({
        id: c.id,
        author: c.author,
        body: c.body,
        created: jiraTime(c.created),
        updated: jiraTime(c.updated),
        ...(c.visibility === undefined ? {} : { visibility: c.visibility }),
        properties: record(c.properties),
      })),
      worklogs: i.worklogs.map((w) => ({
        id: w.id,
        author: w.author,
        timeSpentSeconds: w.timeSpentSeconds,
        started: jiraTime(w.started),
        ...(w.comment === undefined ? {} : { comment: w.comment }),
      })),
      watchers: [...i.watchers],
    })),
    links: [...state.links.values()].map((l) => ({ id: l.id, type: l.type, inward: keyOf(l.inward), outward: keyOf(l.outward) })),
  });
};

/** The Jira part of a world snapshot. */
export type JiraSnapshot = ReturnType<typeof jiraSnapshot>;
