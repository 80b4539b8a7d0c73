/**
 * Jira Software sprints and boards [docs: Jira Software events]. The payloads carry no Jira root
 * fields (the page lists none), only the event name, the sprint or board, and who caused it.
 */
import {
  PEOPLE,
  PROJECTS,
  SAMPLE_CLOUD_ID,
  SAMPLE_INSTANT,
  instant,
  jiraTime,
  numberFrom,
  oneOf,
  person,
  project,
  type Person,
  type ProjectValues,
} from './atoms.js';
import { actionOf, forgeContext, recipe, when, type EventPayload, type Fields } from './recipe.js';

/** The event name, the family's fields and the Forge context. */
export const withContext = (eventType: string, fields: Readonly<Record<string, unknown>>): EventPayload => ({
  eventType,
  ...fields,
  context: forgeContext(eventType, SAMPLE_CLOUD_ID),
});

const GOALS = ['Ship the new checkout flow', 'Cut p95 latency of search below 300 ms', 'Close every Sev-2 older than a week'] as const;

interface SprintValues {
  readonly actor: Person;
  readonly id: number;
  readonly number: number;
  readonly board: number;
  readonly project: ProjectValues;
  readonly created: number;
  readonly goal: (typeof GOALS)[number];
}

/** The sprint's state after the event: created and updated sprints are future ones, started active, closed closed. */
const stateAfter = (action: string): string => (action === 'started' ? 'active' : action === 'closed' ? 'closed' : 'future');

/** Payloads of the `jira-software-sprint` family: Jira Software sprint created, started, updated, closed or deleted. */
export const jiraSoftwareSprint = recipe<'jira-software-sprint', SprintValues>({
  fields: {
    actor: person,
    id: numberFrom(6, 400),
    number: numberFrom(1, 60),
    board: numberFrom(12, 40),
    project,
    created: instant(),
    goal: oneOf(...GOALS),
  },
  sample: { actor: PEOPLE[4], id: 6, number: 1, board: 12, project: PROJECTS[0], created: SAMPLE_INSTANT, goal: GOALS[0] },
  shape: { atlassianId: true, 'sprint.goal': true, 'sprint.originBoardId': true },
  build: (eventType, v, shape) => {
    const action = actionOf(eventType);
    const start = v.created + 86_400_000;
    const end = start + 14 * 86_400_000;
    const sprint = {
      id: String(v.id),
      ...when(shape['sprint.originBoardId'], 'originBoardId', String(v.board)),
      name: `${v.project.key} Sprint ${v.number}`.slice(0, 30),
      ...when(shape['sprint.goal'], 'goal', v.goal),
      state: stateAfter(action),
      createDate: jiraTime(v.created),
      startDate: jiraTime(start),
      endDate: jiraTime(end),
      ...(action === 'closed' ? { completeDate: jiraTime(end) } : {}),
    };
    return withContext(eventType, {
      sprint,
      ...(action === 'updated' ? { oldValue: { goal: 'Ship checkout', startDate: jiraTime(start - 86_400_000), endDate: jiraTime(end - 86_400_000) } } : {}),
      ...when(shape.atlassianId, 'atlassianId', v.actor.accountId),
    });
  },
});

const BOARD_TYPES = ['scrum', 'kanban', 'simple'] as const;

interface BoardValues {
  readonly actor: Person;
  readonly id: number;
  readonly project: ProjectValues;
  readonly type: (typeof BOARD_TYPES)[number];
}

const boardFields: Fields<BoardValues> = { actor: person, id: numberFrom(11, 200), project, type: oneOf(...BOARD_TYPES) };
const SAMPLE_BOARD: BoardValues = { actor: PEOPLE[4], id: 11, project: PROJECTS[0], type: 'scrum' };

/** The page's type reference says `id: string`, its example `"id": 11`; the example is what arrives. */
export const jiraSoftwareBoard = recipe<'jira-software-board', BoardValues>({
  fields: boardFields,
  sample: SAMPLE_BOARD,
  shape: { atlassianId: true },
  build: (eventType, v, shape) =>
    withContext(eventType, {
      board: { id: v.id, name: `${v.project.key} ${v.type} board`, type: v.type },
      ...when(shape.atlassianId, 'atlassianId', v.actor.accountId),
    }),
});

/** Payloads of the `jira-software-board-configuration` family: Jira Software board configuration changed. */
export const jiraSoftwareBoardConfiguration = recipe<'jira-software-board-configuration', BoardValues>({
  fields: boardFields,
  sample: SAMPLE_BOARD,
  shape: { atlassianId: true, 'configuration.location': true, 'configuration.estimation': true },
  build: (eventType, v, shape) =>
    withContext(eventType, {
      configuration: {
        id: v.id,
        name: `${v.project.key} ${v.type} board`,
        type: v.type,
        ...when(shape['configuration.location'], 'location', { type: 'project', key: v.project.key, id: v.project.id, name: v.project.name }),
        filter: { id: String(10_007 + v.id) },
        columnConfig: {
          columns: [
            { name: 'To Do', statuses: [{ id: '1' }] },
            { name: 'In Progress', statuses: [{ id: '3' }] },
            { name: 'Done', statuses: [{ id: '10002' }] },
          ],
          constraintType: 'none',
        },
        ...when(shape['configuration.estimation'], 'estimation', {
          type: 'field',
          field: { fieldId: 'customfield_10016', displayName: 'Story point estimate' },
        }),
        ranking: { rankCustomFieldId: 10019 },
      },
      ...when(shape.atlassianId, 'atlassianId', v.actor.accountId),
    }),
});
