/**
 * What every HTTP surface (products, GraphQL, external hosts) shares: a fixture answers first, then
 * the stateful world for Jira and Confluence, the surface's defaults otherwise. A fixture runs only when the request is carried out, because it may
 * change the run's fixture state (that is its effect).
 */
import type { WorldSurface } from '../world/index.js';
import { fromReply, httpAnswer } from './answer.js';
import type { DefaultAnswer } from './defaults.js';
import { httpFailure, type FailureFormat } from './planned.js';
import type { UpstreamRequest } from './fixtures.js';
import type { IncomingRequest, SimulationContext, SurfaceSimulator } from './simulator.js';

/** What makes one HTTP surface differ from another. */
export interface HttpSurface {
  /** Whether carrying the request out can change the upstream's state. */
  readonly mutates: (request: IncomingRequest) => boolean;
  readonly defaultAnswer: DefaultAnswer;
  /** The body format of its planned failures (which keep their planned headers). */
  readonly failureBody: FailureFormat;
  /** The product of the stateful world that answers what no fixture answers, before the defaults. */
  readonly world?: WorldSurface;
}

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True for any method but GET, HEAD and OPTIONS.
 *
 * @example
 * mutatesByMethod({ method: 'POST', ... }) // true
 */
export const mutatesByMethod = (request: IncomingRequest): boolean => !READ_METHODS.has(request.method);

const fixtureRequest = (request: IncomingRequest, ctx: SimulationContext): UpstreamRequest => {
  const { body } = request;
  return {
    surface: request.surface,
    method: request.method,
    path: request.path,
    ...(request.url !== undefined ? { url: request.url } : {}),
    headers: { ...request.headers },
    ...(body !== undefined ? { body } : {}),
    json: () => {
      try {
        return body === undefined ? undefined : (JSON.parse(body) as unknown);
      } catch {
        return undefined;
      }
    },
    delivery: ctx.delivery,
  };
};

/**
 * A simulator for an HTTP surface.
 *
 * @example
 * const confluence = httpSimulator({ mutates: mutatesByMethod, defaultAnswer: plainDefault, failureBody: productFailure });
 */
export const httpSimulator = (surface: HttpSurface): SurfaceSimulator => ({
  failure: httpFailure(surface.failureBody),
  prepare: (request, ctx) => {
    const req = fixtureRequest(request, ctx);
    return {
      mutates: surface.mutates(request),
      apply: () => {
        const reply = ctx.fixture?.(req, ctx.fixtureState);
        if (reply !== undefined) return { answer: fromReply(reply), source: 'fixture' };
        const answered =
          surface.world === undefined || ctx.world === undefined
            ? undefined
            : ctx.world.answer({
                surface: surface.world,
                method: request.method,
                path: request.path,
                ...(request.body !== undefined ? { body: request.body } : {}),
              });
        if (answered !== undefined) return { answer: httpAnswer(answered.status, answered.body, answered.headers), source: 'world' };
        return { answer: surface.defaultAnswer(req, ctx.counters), source: 'default' };
      },
    };
  },
});
