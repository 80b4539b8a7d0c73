/**
 * Jira project administration events: projects, versions and components [docs: Jira events,
 * "Project events", "Project version events", "Component events"]. The nested objects follow the
 * REST resources of the same names.
 */
import fc from 'fast-check';
import { PEOPLE, PROJECTS, SAMPLE_INSTANT, calendarDate, instant, numericId, oneOf, person, project, type Person, type ProjectValues } from './atoms.js';
import { SAMPLE_ROOT, jiraPayload, rootValues, userRef, type JiraRootValues } from './jira-shared.js';
import { actionOf, recipe, when } from './recipe.js';

const CATEGORIES = [
  { id: '10000', name: 'Customer facing', description: 'Projects our customers see' },
  { id: '10001', name: 'Internal', description: 'Back-office work' },
] as const;

interface ProjectEventValues {
  readonly root: JiraRootValues;
  readonly project: ProjectValues;
  readonly lead: Person;
  readonly category: (typeof CATEGORIES)[number];
}

/** Payloads of the `jira-project` family: Jira project created, updated, archived, trashed, restored or deleted. */
export const jiraProject = recipe<'jira-project', ProjectEventValues>({
  fields: { root: rootValues, project, lead: person, category: oneOf(...CATEGORIES) },
  sample: { root: SAMPLE_ROOT, project: PROJECTS[0], lead: PEOPLE[0], category: CATEGORIES[0] },
  shape: { 'project.projectCategory': false, webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        project: {
          id: v.project.id,
          key: v.project.key,
          name: v.project.name,
          projectTypeKey: v.project.projectTypeKey,
          simplified: v.project.projectTypeKey !== 'service_desk',
          lead: { accountId: v.lead.accountId, displayName: v.lead.displayName },
          ...when(shape['project.projectCategory'], 'projectCategory', { ...v.category }),
        },
      },
      v.root,
      shape.webhookTraceValue,
    ),
});

const VERSION_NAMES = ['2025.1', '2025.2', 'v4.12.0', 'Spring release'] as const;

interface VersionValues {
  readonly root: JiraRootValues;
  readonly actor: Person;
  readonly id: string;
  readonly name: string;
  readonly projectId: string;
  readonly release: number;
  readonly otherId: string;
}

const versionObject = (id: string, name: string, v: VersionValues, eventType: string, withDescription: boolean, withDate: boolean) => {
  const action = actionOf(eventType);
  return {
    id,
    name,
    ...when(withDescription, 'description', `Release ${name}`),
    archived: action === 'archived',
    released: action === 'released',
    ...when(withDate, 'releaseDate', calendarDate(v.release)),
    overdue: false,
    projectId: Number(v.projectId),
  };
};

/** Payloads of the `jira-version` family: Jira project version created, updated, released, archived, moved, merged or deleted. */
export const jiraVersion = recipe<'jira-version', VersionValues>({
  fields: {
    root: rootValues,
    actor: person,
    id: numericId('10500'),
    name: oneOf(...VERSION_NAMES),
    projectId: fc.constantFrom(...PROJECTS.map((p) => p.id)),
    release: instant(SAMPLE_INSTANT + 30 * 86_400_000),
    otherId: numericId('10498', 1),
  },
  sample: {
    root: SAMPLE_ROOT,
    actor: PEOPLE[0],
    id: '10500',
    name: VERSION_NAMES[0],
    projectId: '10000',
    release: SAMPLE_INSTANT + 30 * 86_400_000,
    otherId: '10498',
  },
  shape: { atlassianId: true, 'version.releaseDate': true, 'version.description': true, newFixVersion: false, webhookTraceValue: false },
  build: (eventType, v, shape) => {
    const action = actionOf(eventType);
    const version = versionObject(v.id, v.name, v, eventType, shape['version.description'], shape['version.releaseDate']);
    const other = versionObject(v.otherId, `${v.name}-rc`, v, 'avi:jira:updated:version', false, false);
    return jiraPayload(
      eventType,
      {
        version,
        ...(action === 'merged' ? { mergedVersion: other } : {}),
        ...(action === 'deleted'
          ? { ...when(shape.newFixVersion, 'newFixVersion', other), customFieldReplacements: [] as { customFieldId: number; moveTo: number }[] }
          : {}),
        ...when(shape.atlassianId, 'atlassianId', v.actor.accountId),
      },
      v.root,
      shape.webhookTraceValue,
    );
  },
});

const COMPONENT_NAMES = ['Checkout', 'Billing', 'Notifications', 'Search'] as const;

interface ComponentValues {
  readonly root: JiraRootValues;
  readonly actor: Person;
  readonly id: string;
  readonly name: string;
  readonly project: ProjectValues;
  readonly lead: Person;
}

/** Payloads of the `jira-component` family: Jira project component created, updated or deleted. */
export const jiraComponent = recipe<'jira-component', ComponentValues>({
  fields: { root: rootValues, actor: person, id: numericId('10600'), name: oneOf(...COMPONENT_NAMES), project, lead: person },
  sample: { root: SAMPLE_ROOT, actor: PEOPLE[0], id: '10600', name: COMPONENT_NAMES[0], project: PROJECTS[0], lead: PEOPLE[1] },
  shape: { atlassianId: true, 'component.lead': true, 'component.description': true, webhookTraceValue: false },
  build: (eventType, v, shape) =>
    jiraPayload(
      eventType,
      {
        component: {
          id: v.id,
          name: v.name,
          ...when(shape['component.description'], 'description', `Everything about ${v.name.toLowerCase()}`),
          ...when(shape['component.lead'], 'lead', userRef(v.lead)),
          assigneeType: shape['component.lead'] ? 'COMPONENT_LEAD' : 'PROJECT_DEFAULT',
          project: v.project.key,
          projectId: Number(v.project.id),
        },
        ...when(shape.atlassianId, 'atlassianId', v.actor.accountId),
      },
      v.root,
      shape.webhookTraceValue,
    ),
});
