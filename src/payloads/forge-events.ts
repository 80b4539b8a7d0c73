/**
 * The app's own life-cycle events [docs: Life cycle events] and custom app events published by Forge
 * apps [docs: App events].
 */
import { PEOPLE, SAMPLE_CLOUD_ID, oneOf, person, uuid, type Person } from './atoms.js';
import { APP_EVENT_PATTERN } from './catalog.js';
import { forgeContext, recipe, when, type Fields } from './recipe.js';

/** The simulated app's installation. */
interface InstallationValues {
  readonly installation: string;
  readonly appId: string;
  readonly major: number;
  readonly by: Person;
  readonly environment: string;
}

const SAMPLE_INSTALLATION: InstallationValues = {
  installation: 'fff8e466-31f4-4c73-a337-c3309dd930dc',
  appId: '406d303d-0393-4ec4-ad7c-1435be94583a',
  major: 9,
  by: PEOPLE[0],
  environment: '23863033-1de4-4ebf-b30d-c906264a1e92',
};

const installationFields: Fields<InstallationValues> = {
  installation: uuid(SAMPLE_INSTALLATION.installation),
  appId: uuid(SAMPLE_INSTALLATION.appId),
  major: oneOf(9, 2, 14, 31),
  by: person,
  environment: uuid(SAMPLE_INSTALLATION.environment),
};

const app = (v: InstallationValues, named: boolean) => ({
  id: v.appId,
  version: `${v.major}.0.0`,
  ownerAccountId: PEOPLE[4].accountId,
  ...when(named, 'name', 'Support Sync'),
});

/** Payloads of the `forge-installed` family: Forge app installed. */
export const forgeInstalled = recipe<'forge-installed', InstallationValues>({
  fields: installationFields,
  sample: SAMPLE_INSTALLATION,
  shape: { installerAccountId: true, environment: true, 'app.name': true },
  build: (eventType, v, shape) => ({
    eventType,
    id: v.installation,
    ...when(shape.installerAccountId, 'installerAccountId', v.by.accountId),
    app: app(v, shape['app.name']),
    ...when(shape.environment, 'environment', { id: v.environment }),
    context: forgeContext(eventType, SAMPLE_CLOUD_ID),
  }),
});

/** Payloads of the `forge-upgraded` family: Forge app upgraded to a new major version. */
export const forgeUpgraded = recipe<'forge-upgraded', InstallationValues>({
  fields: installationFields,
  sample: SAMPLE_INSTALLATION,
  shape: { upgraderAccountId: true, environment: true, permissions: true, 'app.name': true },
  build: (eventType, v, shape) => ({
    eventType,
    id: v.installation,
    ...when(shape.upgraderAccountId, 'upgraderAccountId', v.by.accountId),
    app: app(v, shape['app.name']),
    ...when(shape.environment, 'environment', { id: v.environment }),
    ...when(shape.permissions, 'permissions', {
      scopes: ['read:jira-work', 'write:jira-work', 'storage:app'],
      external: { fetch: { backend: ['https://api.example-crm.com'] } },
    }),
    context: forgeContext(eventType, SAMPLE_CLOUD_ID),
  }),
});

interface AppEventValues {
  readonly environment: string;
  readonly environmentType: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
}

/**
 * An app event carries no custom payload; its name and its publisher's environment come with the
 * Forge context and a context token [docs: App events, "Event payload"]. The name is the publishing
 * module's `name`, which the harness cannot know, so it is the module key.
 */
export const forgeAppEvent = recipe<'forge-app-event', AppEventValues>({
  fields: { environment: uuid('0856b0e2-6fbe-449c-b515-d555cdce37ca'), environmentType: oneOf('DEVELOPMENT', 'STAGING', 'PRODUCTION') },
  sample: { environment: '0856b0e2-6fbe-449c-b515-d555cdce37ca', environmentType: 'DEVELOPMENT' },
  shape: {},
  build: (eventType, v) => {
    const moduleKey = APP_EVENT_PATTERN.exec(eventType)?.[2] ?? 'event';
    return {
      workspaceId: `ari:cloud:jira::site/${SAMPLE_CLOUD_ID}`,
      eventType,
      name: moduleKey,
      environmentId: v.environment,
      environmentType: v.environmentType,
      environmentKey: v.environmentType === 'DEVELOPMENT' ? 'default' : v.environmentType.toLowerCase(),
      context: { cloudId: SAMPLE_CLOUD_ID, moduleKey: 'app-event-trigger', userAccess: { enabled: false } },
      contextToken: 'simulated-context-token',
    };
  },
});
