/** The hostile-handler suite of test/hardening/hostile-suite.ts on all ten seeds. */
import { ALL_SEEDS, describeHostileHandlers } from '../hardening/hostile-suite.js';

describeHostileHandlers(ALL_SEEDS);
