/**
 * Product (Jira, Confluence, Bitbucket), graph and external requests: a fixture answers first, the
 * defaults otherwise. A fixture runs only when the request is carried out, because it may change the
 * run's fixture state (that is its effect).
 */
import { fromReply, httpAnswer } from './answer.js';
import { defaultAnswer, type DefaultsState } from './defaults.js';
import type { UpstreamFixture, UpstreamRequest } from './fixtures.js';
import type { PreparedRequest } from './prepared.js';

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

const isGraphQuery = (body: string | undefined): boolean => {
  try {
    const query = (JSON.parse(body ?? '{}') as { query?: unknown }).query;
    return typeof query === 'string' && !/^\s*mutation\b/.test(query);
  } catch {
    return false;
  }
};

/**
 * Parses a product, graph or external request.
 *
 * @example
 * prepareHttp(req, fixture, state, { created: 0 }).apply().source // 'fixture' when the fixture answered
 */
export const prepareHttp = (
  req: UpstreamRequest,
  fixture: UpstreamFixture | undefined,
  state: Map<string, unknown>,
  counters: DefaultsState,
): PreparedRequest => ({
  mutates: req.surface === 'graph' ? !isGraphQuery(req.body) : !READ_METHODS.has(req.method),
  apply: () => {
    const reply = fixture?.(req, state);
    return reply === undefined ? { answer: defaultAnswer(req, counters), source: 'default' } : { answer: fromReply(reply), source: 'fixture' };
  },
});

/**
 * A request to a surface the harness does not simulate: refused with an error naming it.
 *
 * @example
 * prepareUnsupported('stargate path /x').unsupported // 'stargate path /x'
 */
export const prepareUnsupported = (what: string): PreparedRequest => ({
  mutates: true,
  unsupported: what,
  apply: () => ({
    answer: httpAnswer(501, { code: 'UNSUPPORTED_BY_HARNESS', message: `forge-retry-harness does not simulate ${what}` }),
    source: 'default',
  }),
});
