/**
 * A failure's timeline as a Mermaid sequence diagram (platform, handler, upstream), for the Markdown
 * report: GitHub renders a ```mermaid block in comments, files and job summaries. It shows what the
 * text timeline shows, up to the delivery the finding is about (boxed in red), and summarises the rest.
 */
import { describeDecision } from '../../models/delivery.js';
import { renderValue } from '../../models/render-value.js';
import { formatOffset } from '../../models/time.js';
import type { DeliveryRecord, RequestRecord, Trace } from '../../models/trace.js';
import { PROPERTIES, type PropertyId } from '../../properties/catalog.js';
import { describeThrown } from '../../models/render-value.js';
import { describeResponse, describeTarget } from '../../properties/support/requests.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import { startsCold } from '../report/timeline.js';

/** Most requests drawn per delivery: a loop of 50 calls would bury the diagram; the text report has them all. */
const MAX_REQUESTS_SHOWN = 8;
const MAX_LABEL = 140;

/**
 * Mermaid reads `;` as a statement end and `#` as the start of an entity code, and a backtick fence
 * would end the Markdown block; each is written as an entity code, and a label stays on one line.
 */
export const mermaidText = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > MAX_LABEL ? `${flat.slice(0, MAX_LABEL - 3)}...` : flat;
  return cut.replace(/#/g, '#35;').replace(/;/g, '#59;').replace(/`/g, '#96;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
};

const arrival = (d: DeliveryRecord, trace: Trace): string => {
  const what = { first: 'first delivery', 'app-retry': 'app retry', 'platform-retry': 'platform retry', duplicate: 'duplicate delivery' }[d.kind];
  const ctx = d.retryContext;
  const context =
    ctx === undefined
      ? ''
      : `, retryCount ${ctx.retryCount}, ${String(ctx.retryReason)}${'retryData' in ctx ? `, retryData ${renderValue(ctx.retryData, 40)}` : ''}`;
  return `delivery ${d.number} at ${formatOffset(d.startedAt, trace.startedAt)}: ${what}${context}`;
};

const request = describeTarget;

/** The reply arrow: `-->>` for an answer, `--x` when none came back. */
const reply = (r: RequestRecord): string => {
  const res = r.response;
  if (res.kind === 'http') return `    upstream-->>handler: ${mermaidText(describeResponse(r))}`;
  if (res.kind === 'network-error') return `    upstream--xhandler: ${mermaidText(`network error (${res.message})`)}`;
  return `    upstream--xhandler: ${mermaidText(`no response: the invocation died (${res.fault}), effect ${r.effect}`)}`;
};

/** What the handler gave back, as the arrow to the platform (a cross when it threw or was killed). */
const outcome = (d: DeliveryRecord): string => {
  const o = d.outcome;
  switch (o.kind) {
    case 'success':
      return `    handler-->>platform: ${mermaidText(`returned ${renderValue(o.value, 60)}`)}`;
    case 'app-retry': {
      const { retryAfter, retryReason, retryData, hasRetryData } = o.request;
      const fields = [`retryAfter: ${renderValue(retryAfter)}`, `retryReason: ${typeof retryReason === 'string' ? retryReason : renderValue(retryReason)}`];
      if (hasRetryData) fields.push(`retryData: ${renderValue(retryData, 40)}`);
      return `    handler-->>platform: ${mermaidText(`InvocationError { ${fields.join(', ')} }`)}`;
    }
    case 'legacy-retry':
      return `    handler-->>platform: ${mermaidText('legacy { _retry: true }')}`;
    case 'thrown':
      return `    handler--xplatform: ${mermaidText(`threw ${describeThrown(o.error)}`)}`;
    case 'platform-fault': {
      const f = d.fault;
      if (f?.kind === 'crash-at-request') return `    handler--xplatform: ${mermaidText(`${f.fault} while request ${f.request} was in flight`)}`;
      return `    handler--xplatform: ${mermaidText(`still running at the ${d.timeoutMs / 1000} s timeout: killed (${o.fault})`)}`;
    }
  }
};

/** Where the property's finding shows, judged again on the trace (pure, with the CLI's default settings). */
const markOf = (trace: Trace, property: PropertyId): { delivery: number; request?: number } | undefined => {
  const verdict = PROPERTIES.find((p) => p.id === property)?.check(trace, DEFAULT_PROPERTY_SETTINGS);
  return verdict?.kind === 'fail' ? { delivery: verdict.delivery, ...(verdict.request === undefined ? {} : { request: verdict.request }) } : undefined;
};

/**
 * The text timeline's cold-start mark, as a note before the delivery's messages: module state (a dedup
 * `Set`, a cache) is empty again from here on. A refused delivery ran no instance, so it never has one.
 */
const coldStart = (d: DeliveryRecord): string[] => (startsCold(d) ? [`    Note over handler: ${mermaidText('cold start (fresh module instance)')}`] : []);

const delivery = (d: DeliveryRecord, trace: Trace): string[] => {
  const decision = `    Note over platform: ${mermaidText(describeDecision(d.decision))}`;
  if (d.fault?.kind === 'refused') {
    return [`    Note over platform: ${mermaidText(`${arrival(d, trace)}, refused (${d.fault.fault}): the handler did not run`)}`, decision];
  }
  const lines = [...coldStart(d), `    platform->>handler: ${mermaidText(arrival(d, trace))}`];
  for (const r of d.requests.slice(0, MAX_REQUESTS_SHOWN)) lines.push(`    handler->>upstream: ${mermaidText(request(r))}`, reply(r));
  if (d.requests.length > MAX_REQUESTS_SHOWN)
    lines.push(`    Note over handler,upstream: ${mermaidText(`${d.requests.length - MAX_REQUESTS_SHOWN} more requests (in the text report)`)}`);
  lines.push(outcome(d), decision);
  return lines;
};

/**
 * The Mermaid source (without the fence) of one failure's timeline.
 *
 * @example
 * `\`\`\`mermaid\n${failureDiagram(failure.trace, failure.property, failure.message)}\n\`\`\``
 */
export const failureDiagram = (trace: Trace, property: PropertyId, message: string): string => {
  const mark = markOf(trace, property);
  const shown = mark === undefined ? trace.deliveries : trace.deliveries.filter((d) => d.number <= mark.delivery);
  const lines = ['sequenceDiagram', '    participant platform', '    participant handler', '    participant upstream'];
  for (const d of shown) {
    if (d.number !== mark?.delivery) {
      lines.push(...delivery(d, trace));
      continue;
    }
    const at = mark.request === undefined ? '' : ` (request ${mark.request})`;
    lines.push(
      '    rect rgba(220, 38, 38, 0.12)',
      ...delivery(d, trace),
      `    Note over handler,upstream: ${mermaidText(`✗ ${property}${at}: ${message}`)}`,
      '    end',
    );
  }
  const rest = trace.deliveries.length - shown.length;
  if (rest > 0) lines.push(`    Note over platform: ${mermaidText(rest === 1 ? 'one more delivery, not shown' : `${rest} more deliveries, not shown`)}`);
  const end = trace.end;
  const ending =
    end.kind === 'completed'
      ? 'event completed'
      : end.kind === 'dropped'
        ? `event dropped (${end.reason})`
        : `harness stopped after ${end.deliveries} deliveries`;
  lines.push(`    Note over platform: ${mermaidText(`${formatOffset(end.at, trace.startedAt)}: ${ending}`)}`);
  return lines.join('\n');
};
