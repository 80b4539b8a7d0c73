/**
 * Atlassian product REST (`requestJira`, `requestConfluence`, `requestBitbucket`): answered from the
 * fixture, else the product's defaults; failures in Jira's `errorMessages` format.
 */
import { jiraDefault, plainDefault } from './defaults.js';
import { httpSimulator, mutatesByMethod } from './http-simulator.js';
import { productFailure } from './planned.js';
import type { SurfaceSimulator } from './simulator.js';

/** Jira, with its created-issue and fetched-issue defaults. */
export const jiraSimulator: SurfaceSimulator = httpSimulator({ mutates: mutatesByMethod, defaultAnswer: jiraDefault, failureBody: productFailure });

/** Confluence and Bitbucket: 204 for updates, `{}` otherwise. */
export const productSimulator: SurfaceSimulator = httpSimulator({ mutates: mutatesByMethod, defaultAnswer: plainDefault, failureBody: productFailure });
