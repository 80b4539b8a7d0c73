/**
 * A module whose top-level code draws a random id and starts a request while it loads, as SDK clients
 * and boot-time config fetches do. A fresh instance loads inside the invocation it serves, so both run
 * under the harness: the id comes from the run's seeded randomness and the request reaches the simulation,
 * never the network.
 */
export const instanceId = Math.random();
const boot = fetch('https://config.example.com/boot').then(
  (res) => res.status,
  (error: unknown) => `failed: ${String(error)}`,
);

/** The trigger function: reports what its instance saw at load. */
export const handler = async () => ({ instanceId, boot: await boot });
