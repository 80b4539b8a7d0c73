/**
 * The simulated `global.__forge_runtime__`, shaped after what the SDKs read at call time (read in
 * node_modules/@forge/api/out/api/runtime.js and fetch.js, @forge/kvs/out/index.js): `metrics` with
 * `counter().incr/decr`, `timing().measure().stop`, `gauge().set`; `appContext` for `getAppContext()`;
 * `lambdaContext.getRemainingTimeInMillis` from virtual time.
 */
import { formatMessage } from '../messages/format.js';
import { invocationStorage } from './invocation.js';

const counter = Object.freeze({ incr: (): void => undefined, decr: (): void => undefined });
const measurement = Object.freeze({ stop: (): void => undefined });
const timing = Object.freeze({ measure: () => measurement });
const gauge = Object.freeze({ set: (): void => undefined });

/** Fixed identities, so that traces and ARIs are the same on every run. */
export const SIMULATED_APP = Object.freeze({
  appId: '00000000-0000-4000-8000-00000000a991',
  environmentId: '00000000-0000-4000-8000-00000000e991',
  installationId: '00000000-0000-4000-8000-00000000f991',
  cloudId: '00000000-0000-4000-8000-00000000c991',
});

/** The `installContext` of the simulated Jira site. */
export const INSTALL_CONTEXT = `ari:cloud:jira::site/${SIMULATED_APP.cloudId}`;

/**
 * Builds the runtime object. Per-invocation values (`invocationId`, remaining time) are getters that
 * read the invocation of the calling async context.
 *
 * @example
 * swapProperty(globalThis, '__forge_runtime__', createForgeRuntime());
 */
export const createForgeRuntime = (): Record<string, unknown> => ({
  metrics: Object.freeze({ counter: () => counter, timing: () => timing, gauge: () => gauge }),
  appContext: {
    appId: SIMULATED_APP.appId,
    appVersion: '1.0.0',
    environmentId: SIMULATED_APP.environmentId,
    environmentType: 'DEVELOPMENT',
    installationId: SIMULATED_APP.installationId,
    moduleKey: 'forge-retry-harness-handler',
    get invocationId(): string {
      const inv = invocationStorage.getStore();
      return `forge-retry-harness-invocation-${inv?.delivery ?? 0}`;
    },
    license: undefined,
    installation: { ari: { installationId: SIMULATED_APP.installationId }, contexts: [{ context: INSTALL_CONTEXT }] },
    permissions: { scopes: [], external: {} },
  },
  lambdaContext: {
    getRemainingTimeInMillis: (): number => {
      const inv = invocationStorage.getStore();
      if (inv === undefined) throw new Error(formatMessage('getRemainingTimeInMillis called outside a simulated invocation'));
      return Math.max(0, inv.deadline - inv.now());
    },
  },
  proxy: { token: 'forge-retry-harness-token', url: 'https://forge-retry-harness.invalid' },
  tracing: { traceId: 'forge-retry-harness-trace', spanId: 'forge-retry-harness-span' },
});
