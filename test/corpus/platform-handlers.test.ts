/**
 * The issue-10 platform corpus on two seeds, its time corpus (latency, 401/403 after install) on one
 * (test/full/platform-handlers-20-seeds.test.ts sweeps both on twenty).
 */
import { PLATFORM_BUGGY, PLATFORM_CORRECT, TIME_BUGGY, TIME_CORRECT } from '../handlers/platform/index.js';
import { QUICK_SEEDS, sweepCorpus } from './sweep.js';

sweepCorpus('platform', { buggy: PLATFORM_BUGGY, correct: PLATFORM_CORRECT }, QUICK_SEEDS);
sweepCorpus('time', { buggy: TIME_BUGGY, correct: TIME_CORRECT }, QUICK_SEEDS);
