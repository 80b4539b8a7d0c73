/**
 * `requestGraph`: GraphQL over `POST /graphql` on the gateway (remote `stargate`). A query changes
 * nothing; anything else (a mutation, or a body that cannot be read) is taken to change state.
 */
import { httpAnswer } from './answer.js';
import { plainDefault, type DefaultAnswer } from './defaults.js';
import { httpSimulator } from './http-simulator.js';
import { graphQlFailure } from './planned.js';
import type { IncomingRequest, SurfaceSimulator } from './simulator.js';

/** The gateway path GraphQL requests go to. */
export const GRAPHQL_PATH = '/graphql';

const isGraphQuery = (request: IncomingRequest): boolean => {
  try {
    const query = (JSON.parse(request.body ?? '{}') as { query?: unknown }).query;
    return typeof query === 'string' && !/^\s*mutation\b/.test(query);
  } catch {
    return false;
  }
};

const graphDefault: DefaultAnswer = (req, counters) =>
  req.method === 'PUT' || req.method === 'DELETE' ? plainDefault(req, counters) : httpAnswer(200, { data: {} });

/** The GraphQL gateway. */
export const graphSimulator: SurfaceSimulator = httpSimulator({ mutates: (r) => !isGraphQuery(r), defaultAnswer: graphDefault, failureBody: graphQlFailure });
