/** Compass component link events [docs: Compass events]. */
import fc from 'fast-check';
import { SAMPLE_CLOUD_ID, uuid } from './atoms.js';
import { forgeContext, recipe } from './recipe.js';

interface ComponentValues {
  readonly site: string;
  readonly workspace: string;
  readonly component: string;
}

const SAMPLE_COMPONENT: ComponentValues = {
  site: SAMPLE_CLOUD_ID,
  workspace: '5f3b8c2a-0d1e-4f6a-9b7c-2e4d6f8a0b1c',
  component: '9c1e5a7b-3d2f-4e8a-b6c0-7f1a2d3e4b5c',
};

/** A component is named by its ARI: `ari:cloud:compass:<site>:component/<workspace>/<component>`. */
export const compassComponentLink = recipe<'compass-component-link', ComponentValues>({
  fields: { site: fc.constant(SAMPLE_CLOUD_ID), workspace: uuid(SAMPLE_COMPONENT.workspace), component: uuid(SAMPLE_COMPONENT.component) },
  sample: SAMPLE_COMPONENT,
  shape: {},
  build: (eventType, v) => ({
    eventType,
    selfGenerated: false,
    component: { id: `ari:cloud:compass:${v.site}:component/${v.workspace}/${v.component}` },
    context: forgeContext(eventType, SAMPLE_CLOUD_ID),
  }),
});
