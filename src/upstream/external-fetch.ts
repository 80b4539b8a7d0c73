/**
 * `api.fetch` and `fetch` to hosts outside Atlassian, intercepted at undici's global dispatcher:
 * answered from the fixture (routes use the full URL), else 204 for updates and `{}` otherwise.
 */
import { plainDefault } from './defaults.js';
import { httpSimulator, mutatesByMethod } from './http-simulator.js';
import { productFailure } from './planned.js';
import type { SurfaceSimulator } from './simulator.js';

/** External hosts. */
export const externalSimulator: SurfaceSimulator = httpSimulator({ mutates: mutatesByMethod, defaultAnswer: plainDefault, failureBody: productFailure });
