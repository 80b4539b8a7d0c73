/**
 * Default answers for product, graph and external requests that no fixture answers: plausible enough
 * that a typical handler runs to its end (Jira's create-issue and get-issue shapes, 204 for updates).
 */
import { httpAnswer, type HttpAnswer } from './answer.js';
import type { UpstreamRequest } from './fixtures.js';

const SITE = 'https://harness.atlassian.net';

/** Per-run counters, so that created ids are deterministic and distinct within a run. */
export interface DefaultsState {
  created: number;
}

const ISSUE_CREATE = /^\/rest\/api\/[23]\/issue\/?$/;
const ISSUE_GET = /^\/rest\/api\/[23]\/issue\/([^/]+)\/?$/;

/**
 * The default answer for a request.
 *
 * @example
 * defaultAnswer({ surface: 'jira', method: 'POST', path: '/rest/api/3/issue', ... }, { created: 0 }).status // 201
 */
export const defaultAnswer = (req: UpstreamRequest, counters: DefaultsState): HttpAnswer => {
  const bare = req.path.split('?', 1)[0] ?? '';
  if (req.method === 'PUT' || req.method === 'DELETE') return httpAnswer(204);
  if (req.surface === 'graph') return httpAnswer(200, { data: {} });
  if (req.surface === 'jira') {
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
  }
  return httpAnswer(200, {});
};
