/**
 * Adding comments, shared by the comment endpoint and the `update.comment` operation of edit-issue.
 */
import { ID_BASE } from './catalog.js';
import type { JiraComment, JiraIssue, JiraState } from './state.js';

/**
 * Adds a comment by the requesting account; returns it.
 *
 * @example
 * addComment(jira, issue, 'Looking into it', undefined, []).id // '10000'
 */
export const addComment = (
  state: JiraState,
  issue: JiraIssue,
  body: unknown,
  visibility: unknown,
  properties: readonly { key: string; value: unknown }[],
): JiraComment => {
  const now = state.clock.tick();
  const comment: JiraComment = {
    id: state.ids.next('comment', ID_BASE.comment),
    issueId: issue.id,
    author: state.me,
    updateAuthor: state.me,
    body,
    ...(visibility === undefined || visibility === null ? {} : { visibility }),
    created: now,
    updated: now,
    properties: new Map(properties.map((p) => [p.key, p.value])),
  };
  issue.comments.push(comment);
  issue.updated = now;
  return comment;
};
