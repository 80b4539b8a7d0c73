/**
 * `requestGraph`: GraphQL over `POST /graphql` on the gateway (remote `stargate`). A query changes
 * nothing; anything else (a mutation, or a body that cannot be read) is taken to change state. The
 * operation is read from the parsed document, so a comment or fragment before `mutation` does not hide it.
 */
import { executedOperation } from '../../properties/support/graphql-operation.js';
import { httpAnswer } from './answer.js';
import { plainDefault, type DefaultAnswer } from './defaults.js';
import { httpSimulator } from './http-simulator.js';
import { graphQlFailure } from './planned.js';
import type { IncomingRequest, SurfaceSimulator } from './simulator.js';

/** The gateway path GraphQL requests go to. */
export const GRAPHQL_PATH = '/graphql';

// Only an operation that is surely a query leaves the state alone; a mutation, or a body whose
// operation cannot be told, is taken to change it.
const isGraphQuery = (request: IncomingRequest): boolean => executedOperation(request.body)?.type === 'query';

const graphDefault: DefaultAnswer = (req, counters) =>
  req.method === 'PUT' || req.method === 'DELETE' ? plainDefault(req, counters) : httpAnswer(200, { data: {} });

/** The GraphQL gateway. */
export const graphSimulator: SurfaceSimulator = httpSimulator({ mutates: (r) => !isGraphQuery(r), defaultAnswer: graphDefault, failureBody: graphQlFailure });
