/**
 * Jira Service Management entity events [docs: Jira Service Management events]: request types
 * (documented), portals, request type groups and service desks (assumed to share the entity
 * envelope, see the catalog).
 */
import { SAMPLE_INSTANT, instant, isoTime, numberFrom, uuid } from './atoms.js';
import { withContext } from './jira-software.js';
import { entityOf, recipe, type EventPayload, type Fields } from './recipe.js';

interface EntityValues {
  readonly entityId: number;
  readonly activationId: string;
  readonly at: number;
  readonly sequence: number;
}

const entityFields: Fields<EntityValues> = {
  entityId: numberFrom(10_001, 500),
  activationId: uuid('a1b2c3d4-e5f6-4789-abcd-ef1234567890'),
  at: instant(),
  sequence: numberFrom(1, 10_000),
};
const SAMPLE_ENTITY: EntityValues = { entityId: 10_001, activationId: 'a1b2c3d4-e5f6-4789-abcd-ef1234567890', at: SAMPLE_INSTANT, sequence: 1 };

const jsmEntityPayload = (eventType: string, v: EntityValues): EventPayload =>
  withContext(eventType, {
    entityId: String(v.entityId),
    entityType: entityOf(eventType),
    activationId: v.activationId,
    entityUpdateTimeStamp: isoTime(v.at),
    sequenceNumber: v.sequence,
  });

/** Payloads of the `jsm-request-type` family: Jira Service Management request type created, updated or deleted. */
export const jsmRequestType = recipe<'jsm-request-type', EntityValues>({ fields: entityFields, sample: SAMPLE_ENTITY, shape: {}, build: jsmEntityPayload });

/** Payloads of the `jsm-entity` family: Jira Service Management portal, request type group or service desk changed. */
export const jsmEntity = recipe<'jsm-entity', EntityValues>({ fields: entityFields, sample: SAMPLE_ENTITY, shape: {}, build: jsmEntityPayload });
