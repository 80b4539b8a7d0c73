/**
 * The report of a many-events finding: the events (what changed, when it happened, when it arrived),
 * then the interleaving drawn as one lane per event, every served request in the order the shared
 * upstream served it, with the requests that read or wrote the contested value marked (`*`) and the
 * one the finding is about marked (`!`); then expected, received, replay, hint and rule, as for one
 * event. Deterministic: the same trace gives the same bytes.
 */
import type { EventsTrace } from '../../models/events-trace.js';
import { formatOffset } from '../../models/time.js';
import { renderValue } from '../../models/render-value.js';
import { propertyById, type PropertyId } from '../../properties/catalog.js';
import { storeAccesses } from '../../properties/support/events-access.js';
import { describeRequest } from '../../properties/support/requests.js';
import type { Violation } from '../../properties/types.js';

const label = (name: string): string => `  ${name.padEnd(12)}`;
const LANE = 46;

const fit = (text: string, width: number): string => (text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text).padEnd(width);

const describeEvent = (trace: EventsTrace, id: number): string => {
  const e = trace.events[id]!;
  const payload = e.payload as { changelog?: { id?: string; items?: { field?: string; toString?: string | null }[] } };
  const item = payload.changelog?.items?.[0];
  const what = e.change === 'updated' && item !== undefined ? `updated ${item.field ?? '?'} -> ${renderValue(item.toString ?? null, 30)}` : e.change;
  const arrived = e.deliveries[0]?.startedAt;
  const parts = [
    `event ${id}`,
    what,
    `happened ${formatOffset(e.timestamp, trace.startedAt)}`,
    ...(payload.changelog?.id !== undefined ? [`changelog ${payload.changelog.id}`] : []),
    ...(e.selfGenerated ? [`selfGenerated (the app's write in event ${e.parent ?? '?'})`] : []),
    ...(e.filtered
      ? [e.unsubscribed === true ? 'not delivered (the trigger does not list it)' : 'filtered by ignoreSelf']
      : arrived !== undefined
        ? [`arrived ${formatOffset(arrived, trace.startedAt)}`]
        : []),
    ...(e.deliveries.length > 1 ? [`${e.deliveries.length} deliveries`] : []),
  ];
  return parts.join(', ');
};

/** The lines of the interleaving: a lane per event, at most `maxLanes` lanes (later events folded into the last). */
export const renderLanes = (trace: EventsTrace, v: Violation): string[] => {
  const accesses = storeAccesses(trace);
  const target = accesses.find((a) => a.event === v.event && a.delivery === v.delivery && a.request.seq === v.request);
  const contested = new Set(target?.writes ?? []);
  const lanes = [...new Set(trace.served.map((s) => s.event))].sort((a, b) => a - b);
  const lines = [`${label('events')}${describeEvent(trace, 0)}`, ...trace.events.slice(1).map((e) => `${' '.repeat(14)}${describeEvent(trace, e.id)}`)];
  if (lanes.length === 0) return lines;
  lines.push(`${label('lanes')}${lanes.map((id) => fit(`event ${id}`, LANE)).join('')}`.trimEnd());
  const byId = new Map(trace.events.flatMap((e) => e.deliveries.flatMap((d) => d.requests.map((r) => [`${e.id}/${d.number}/${r.seq}`, { r, d }] as const))));
  trace.served.forEach((s, i) => {
    const found = byId.get(`${s.event}/${s.delivery}/${s.seq}`);
    if (found === undefined) return;
    const access = accesses.find((a) => a.position === i);
    const touches = access !== undefined && [...access.reads, ...access.writes].some((n) => contested.has(n));
    const flag = s.event === v.event && s.delivery === v.delivery && s.seq === v.request ? '!' : touches ? '*' : ' ';
    const text = `${flag} ${found.d.number > 1 ? `d${found.d.number} ` : ''}${describeRequest(found.r)}`;
    const lane = lanes.indexOf(s.event);
    lines.push(`  ${String(i + 1).padStart(3)}         ${' '.repeat(LANE * lane)}${fit(text, LANE)}`.trimEnd());
  });
  return lines;
};

/** The report block of one many-events finding (without the headline). */
export const formatEventsFailure = (input: {
  readonly property: PropertyId;
  readonly violation: Violation;
  readonly trace: EventsTrace;
  readonly replay: string;
}): string => {
  const { violation: v } = input;
  return [
    `  property "${input.property}": ${v.message}`,
    ...renderLanes(input.trace, v),
    `${label('expected')}${v.expected}`,
    `${label('received')}${v.received}`,
    `${label('replay')}${input.replay}`,
    `${label('hint')}${v.hint}`,
    `${label('rule')}${propertyById(input.property).rule}`,
  ].join('\n');
};
