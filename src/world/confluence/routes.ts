/**
 * Every Confluence endpoint the world simulates statefully (v2 and v1), and the answer for a
 * Confluence request.
 */
import type { WorldReply } from '../http.js';
import { dispatch, type Route } from '../route.js';
import { COMMENT_ROUTES } from './comment-routes.js';
import { CONTENT_ROUTES } from './content-routes.js';
import { LABEL_ROUTES } from './label-routes.js';
import { PAGE_ROUTES } from './page-routes.js';
import { PROPERTY_ROUTES } from './property-routes.js';
import type { ConfluenceState } from './state.js';

/** The simulated Confluence endpoints. */
export const CONFLUENCE_ROUTES: readonly Route<ConfluenceState>[] = [...PAGE_ROUTES, ...COMMENT_ROUTES, ...LABEL_ROUTES, ...PROPERTY_ROUTES, ...CONTENT_ROUTES];

/**
 * The answer of the simulated Confluence, or undefined when no simulated endpoint matches.
 *
 * @example
 * answerConfluence(wiki, { method: 'GET', path: '/wiki/api/v2/pages?space-id=131073' })?.status // 200
 */
export const answerConfluence = (
  state: ConfluenceState,
  request: { readonly method: string; readonly path: string; readonly body?: unknown },
): WorldReply | undefined => dispatch(CONFLUENCE_ROUTES, request, state);
