import { NO_SELF_EVENT } from './support/supply.js';
import { PASS, defineProperty } from './types.js';

/** The `no-self-trigger-loop` property: its `summary`, `doc` and `rule` below say what it demands and why. */
export const noSelfTriggerLoop = defineProperty({
  id: 'no-self-trigger-loop',
  summary: "the app's own writes do not trigger it in a chain deeper than settings.maxSelfTriggerDepth",
  doc:
    'A handler on issue events that writes the same issue produces an event of its own (selfGenerated: true). ' +
    'It must not keep doing so: the chain of events its writes produce stays within ' +
    'settings.maxSelfTriggerDepth (default 3). Not a finding when it filters its own events (the manifest ' +
    'filter ignoreSelf, or reading selfGenerated) or when its writes become no-ops (a write that changes ' +
    'nothing produces no event; assumed from Jira listing changed fields only).',
  rule: 'events carry selfGenerated and the manifest filter ignoreSelf drops them (events reference, filter)',
  regimes: ['product-event'],
  // A single-event trace never shows what this judges.
  judged: () => false,
  judgedEvents: (trace) => trace.selfChainCut !== undefined || trace.events.some((e) => e.selfGenerated),
  unjudged: NO_SELF_EVENT,
  check: () => PASS,
  checkEvents: (trace, settings) => {
    const cut = trace.selfChainCut;
    if (cut === undefined) return PASS;
    const chain: number[] = [];
    for (let id: number | undefined = cut.event; id !== undefined; id = trace.events[id]?.parent) chain.unshift(id);
    const origin = trace.events[chain[0] ?? 0];
    const last = trace.events[cut.event];
    return {
      kind: 'fail',
      event: cut.event,
      delivery: last?.deliveries[0]?.number ?? 1,
      message: `the handler's own writes triggered it ${cut.depth} times in a row, past the bound of ${settings.maxSelfTriggerDepth}`,
      expected: `at most ${settings.maxSelfTriggerDepth} self-generated events in a chain`,
      received: `event ${origin?.id ?? 0} (${origin?.change ?? 'updated'}) -> ${chain
        .slice(1)
        .map((id) => `event ${id} (selfGenerated)`)
        .join(' -> ')} -> its write would trigger event ${cut.depth} of the chain`,
      hint: 'skip events with selfGenerated: true (or set filter.ignoreSelf in the manifest), or skip the write when the issue already has the value',
    };
  },
});
