/**
 * Default answers for HTTP requests that no fixture answers: plausible enough that a typical handler
 * runs to its end (Jira's create-issue and get-issue shapes, 204 for updates).
 */
import { httpAnswer, type HttpAnswer } from './answer.js';
import type { UpstreamRequest } from './fixtures.js';

const SITE = 'https://harness.atlassian.net';

/** Per-run counters, so that created ids are deterministic and distinct within a run. */
export interface DefaultsState {
  created: number;
}

/** How an HTTP surface answers a request no fixture answered. */
export type DefaultAnswer = (req: UpstreamRequest, counters: DefaultsState) => HttpAnswer;

const ISSUE_CREATE = /^\/rest\/api\/[23]\/issue\/?$/;
const ISSUE_GET = /^\/rest\/api\/[23]\/issue\/([^/]+)\/?$/;

const isUpdate = (req: UpstreamRequest): boolean => req.method === 'PUT' || req.method === 'DELETE';

/**
 * 204 for an update, otherwise 200 with an empty JSON object.
 *
 * @example
 * plainDefault({ method: 'GET', path: '/wiki/api/v2/pages/1', ... }).status // 200
 */
export const plainDefault: DefaultAnswer = (req) => (isUpdate(req) ? httpAnswer(204) : httpAnswer(200, {}));

/**
 * Jira's answers: a created issue gets a fresh id and key, a fetched issue a minimal issue body.
 *
 * @example
 * jiraDefault({ method: 'POST', path: '/rest/api/3/issue', ... }, { created: 0 }).status // 201
 */
export const jiraDefault: DefaultAnswer = (req, counters) => {
  if (isUpdate(req)) return httpAnswer(204);
  const bare = req.path.split('?', 1)[0] ?? '';
  if (req.method === 'POST' && ISSUE_CREATE.test(bare)) {
    counters.created += 1;
    const id = String(10000 + counters.created);
    return httpAnswer(201, { id, key: `TEST-${counters.created}`, self: `${SITE}/rest/api/3/issue/${id}` });
  }
  const get = ISSUE_GET.exec(bare);
  if (req.method === 'GET' && get !== null) {
    const key = decodeURIComponent(get[1]!);
    const id = /^\d+$/.test(key) ? key : '10001';
    return httpAnswer(200, {
      id,
      key: /^\d+$/.test(key) ? 'TEST-1' : key,
      self: `${SITE}/rest/api/3/issue/${id}`,
      fields: { summary: 'Simulated issue', status: { name: 'To Do' }, labels: [] },
    });
  }
  return httpAnswer(200, {});
};
