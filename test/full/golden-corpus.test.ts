/** Golden reports of every buggy corpus handler (npm test compares one a property: test/golden/reports.test.ts). */
import { describe } from 'vitest';
import { goldenCorpus } from '../golden/corpus-golden.js';
import { BUGGY } from '../handlers/index.js';

describe('golden reports of the whole buggy corpus', () => {
  goldenCorpus(BUGGY);
});
