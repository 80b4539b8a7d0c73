/**
 * The product calls the world corpus shares, as a careful Forge app wraps them: a network error, a
 * 429 or a 5xx becomes an `HttpFailure` naming the step (with the Retry-After Jira sent, or its
 * X-RateLimit-Reset on a 429), which `retryHttp` (../storage/policy.ts) turns into the retry the
 * platform understands. Every other status is the caller's to read.
 */
import { HttpFailure } from '../storage/policy.js';

/** What `requestJira` / `requestConfluence` resolve to, as far as these handlers read it. */
export interface ProductResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/**
 * Runs one product call; an answer a later attempt may get right throws an HttpFailure.
 *
 * @example
 * const res = await product('list-comments', () => asApp().requestJira(route`/rest/api/3/issue/${key}/comment`));
 */
export const product = async (step: string, call: () => Promise<ProductResponse>): Promise<ProductResponse> => {
  let response: ProductResponse;
  try {
    response = await call();
  } catch {
    throw new HttpFailure(step, undefined, undefined);
  }
  if (response.status === 429 || response.status >= 500) {
    const when = response.headers.get('retry-after') ?? (response.status === 429 ? response.headers.get('x-ratelimit-reset') : null);
    throw new HttpFailure(step, response.status, when ?? undefined);
  }
  return response;
};

/** The body as an object (an empty one when it is not JSON). */
export const jsonOf = async (response: ProductResponse): Promise<Record<string, unknown>> => {
  try {
    const body = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** A one-paragraph ADF document, as Jira's API v3 wants comment bodies. */
export const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
