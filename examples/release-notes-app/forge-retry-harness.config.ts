/**
 * forge-retry-harness settings for this app, by manifest module key. An entry takes the options of
 * checkRetrySemantics (validated with the same schema); `defaults` apply to every module.
 */
export default {
  // The settings an admin saves: without them every gated handler returns early, and its verdict is
  // inconclusive (it read only the missing `settings` key), not a pass.
  defaults: { numRuns: 100, storage: { keys: { settings: { announceStatusChanges: true, indexPages: true } } } },
  modules: {
    // Confluence answers a content-property update with the property at its next version.
    'page-index-consumer': {
      upstream: {
        'PUT /wiki/rest/api/content/:id/property/:key': {
          status: 200,
          body: { key: 'release-notes-indexed', value: { indexed: true }, version: { number: 2 } },
        },
      },
    },
  },
};
