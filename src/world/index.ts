/**
 * The simulated world: a stateful Jira and Confluence behind `createWorld`, its seeds, and what the
 * OpenAPI specs document for the endpoints it does not simulate.
 */
export { createWorld, type World, type WorldOptions, type WorldSnapshot } from './world.js';
export { WORLD_SURFACES, type WorldReply, type WorldRequest, type WorldSurface } from './http.js';
export { bindEventToSeed, runSeed } from './event-seed.js';
export {
  parseWorldSeed,
  type ConfluenceSeed,
  type JiraSeed,
  type IssueSeed,
  type PageSeed,
  type ProjectSeed,
  type SpaceSeed,
  type UserSeed,
  type WorldSeed,
} from './seed.js';
export { documentedOperation, type DocumentedOperation } from './openapi-lookup.js';
export { JIRA_ROUTES } from './jira/routes.js';
export { CONFLUENCE_ROUTES } from './confluence/routes.js';
