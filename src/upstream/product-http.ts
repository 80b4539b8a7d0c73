/**
 * Atlassian product REST (`requestJira`, `requestConfluence`, `requestBitbucket`): answered from the
 * fixture, else the run's stateful world (Jira, Confluence), else the product's defaults; failures in Jira's `errorMessages` format.
 */
import { jiraDefault, plainDefault } from './defaults.js';
import { httpSimulator, mutatesByMethod } from './http-simulator.js';
import { productFailure } from './planned.js';
import type { SurfaceSimulator } from './simulator.js';

/** Jira: the world's Jira, then the created-issue and fetched-issue defaults for what neither it nor the specs know. */
export const jiraSimulator: SurfaceSimulator = httpSimulator({
  mutates: mutatesByMethod,
  defaultAnswer: jiraDefault,
  failureBody: productFailure,
  world: 'jira',
});

/** Confluence: the world's Confluence, then 204 for updates and `{}` otherwise. */
export const confluenceSimulator: SurfaceSimulator = httpSimulator({
  mutates: mutatesByMethod,
  defaultAnswer: plainDefault,
  failureBody: productFailure,
  world: 'confluence',
});

/** Bitbucket (not simulated statefully): 204 for updates, `{}` otherwise. */
export const productSimulator: SurfaceSimulator = httpSimulator({ mutates: mutatesByMethod, defaultAnswer: plainDefault, failureBody: productFailure });
