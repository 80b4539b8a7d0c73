/**
 * forge-retry-harness settings for this app, by manifest module key. An entry takes the options of
 * checkRetrySemantics (validated with the same schema); `defaults` apply to every module.
 */
export default {
  defaults: { numRuns: 100 },
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
