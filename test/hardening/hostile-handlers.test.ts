/**
 * The harness under hostile handlers, on two seeds (one that shrinks, one that does not); the ten-seed
 * sweep is test/full/hardening-10-seeds.test.ts.
 */
import { FAST_SEEDS, describeHostileHandlers } from './hostile-suite.js';

describeHostileHandlers(FAST_SEEDS);
