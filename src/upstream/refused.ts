/**
 * Platform APIs the harness knows it does not simulate, each recognised by how its SDK reaches
 * `__forge_fetch__` (@forge/api 8.3.0: api/endpoint.js, api/fetch.js, sendEmail.js, privacy/index.js)
 * and refused with its name and what to do, instead of a made-up answer. A call nothing recognises at
 * all is refused too, by its descriptor or path (classify.ts).
 */

/** A descriptor as `__forge_fetch__` receives it. */
type Descriptor = Readonly<Record<string, unknown>>;

/** One refused API. */
export interface RefusedApi {
  /** The API as a handler calls it. */
  readonly api: string;
  readonly matches: (d: Descriptor, bare: string) => boolean;
  readonly fix: string;
}

const stargate = (d: Descriptor): boolean => d['type'] === 'fpp' && d['remote'] === 'stargate';

const INJECT = 'pass the call into the handler so the check can replace it with a stub, or skip this handler';

/** The refused APIs, in the order README lists them. */
export const REFUSED_APIS: readonly RefusedApi[] = [
  { api: 'invokeRemote (@forge/api)', matches: (d) => d['type'] === 'frc', fix: `Forge Remote back ends are not played: ${INJECT}` },
  { api: 'invokeService (@forge/api)', matches: (d) => d['type'] === 'fcc', fix: `Forge container services are not played: ${INJECT}` },
  {
    api: 'asUser().withProvider(...).fetch (external auth, @forge/api)',
    matches: (d) => d['type'] === 'tpp',
    fix: `third-party OAuth providers are not played: ${INJECT}`,
  },
  { api: 'requestConnectedData (@forge/api)', matches: (d, bare) => stargate(d) && bare.startsWith('/connected-data/'), fix: INJECT },
  { api: 'requestTeamworkGraph (@forge/api)', matches: (d, bare) => stargate(d) && bare.startsWith('/graphql/twg'), fix: INJECT },
  {
    api: 'privacy.reportPersonalData (@forge/api)',
    matches: (d, bare) => stargate(d) && bare === '/app/report-accounts',
    fix: `it runs in a scheduled trigger on Forge: ${INJECT}`,
  },
  { api: 'sendEmail (@forge/api)', matches: (d) => d['type'] === 'emails', fix: INJECT },
];
