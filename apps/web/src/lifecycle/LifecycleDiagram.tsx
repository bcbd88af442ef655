import { defineMessages } from '../i18n/messages';
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { useEffect, useId, useMemo, useState } from 'react';
import { useIntl, type MessageDescriptor } from 'react-intl';
import {
  agreementEventLabels, agreementStateLabels, dossierEventLabels, dossierStateLabels, feedbackEventLabels, feedbackStateLabels, transferEventLabels, transferStateLabels, label,
  meetingEventLabels, meetingStateLabels,
} from '../i18n/labels';
import { describeSteps, machineToElk } from './graph';
import { MACHINES, type MachineName } from './machines';

const m = defineMessages({
  title: { id: 'lifecycle.title', defaultMessage: 'Levensloop' },
  current: { id: 'lifecycle.current', defaultMessage: 'Huidige status: {state}.' },
  steps: { id: 'lifecycle.steps', defaultMessage: 'Mogelijke stappen nu: {steps}.' },
  noSteps: { id: 'lifecycle.noSteps', defaultMessage: 'U kunt nu geen stap zetten.' },
  step: { id: 'lifecycle.step', defaultMessage: '{event} (naar {state})' },
  legend: { id: 'lifecycle.legend', defaultMessage: 'Gevulde rechthoek: huidige status. Gestippelde lijn: stap die u nu kunt zetten.' },
});

const LABELS: Record<MachineName, { states: Record<string, MessageDescriptor>; events: Record<string, MessageDescriptor> }> = {
  dossier: { states: dossierStateLabels, events: dossierEventLabels },
  meeting: { states: meetingStateLabels, events: meetingEventLabels },
  agreement: { states: agreementStateLabels, events: agreementEventLabels },
  feedbackSheet: { states: feedbackStateLabels, events: feedbackEventLabels },
  transfer: { states: transferStateLabels, events: transferEventLabels },
};

const elk = new ELK();

type Laid = Omit<ElkNode, 'children' | 'edges'> & { children: (ElkNode & { labels: { text: string }[] })[]; edges: (ElkExtendedEdge & { event: string })[] };

/**
 * The entity's lifecycle drawn from its XState machine (the one the API runs), laid out by ELK, as SVG. The current
 * state is filled, the steps this user may take now are dashed and thick; the figure's text says the same in words.
 */
export function LifecycleDiagram({ machine, current, available = [] }: { machine: MachineName; current: string; available?: readonly string[] }) {
  const intl = useIntl();
  const titleId = useId();
  const descId = useId();
  const { states, events } = LABELS[machine];
  const input = useMemo(
    () => machineToElk(MACHINES[machine], (s) => label(intl, states, s), (e) => label(intl, events, e)),
    [machine, intl, states, events],
  );
  const [laid, setLaid] = useState<Laid | null>(null);
  useEffect(() => {
    let live = true;
    elk.layout(structuredClone(input) as unknown as ElkNode).then((g) => live && setLaid(g as Laid), () => live && setLaid(null));
    return () => { live = false; };
  }, [input]);

  const steps = describeSteps(input, current, available);
  const stepText = steps.length
    ? intl.formatMessage(m.steps, { steps: steps.map((s) => intl.formatMessage(m.step, { event: label(intl, events, s.event), state: label(intl, states, s.to) })).join('; ') })
    : intl.formatMessage(m.noSteps);

  return (
    <figure className="lifecycle" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        <strong>{intl.formatMessage(m.title)}</strong> — {intl.formatMessage(m.current, { state: label(intl, states, current) })}
      </figcaption>
      <p id={descId} className="small muted">{stepText}</p>
      {laid && (
        <svg viewBox={`0 0 ${Math.ceil(laid.width ?? 0) + 8} ${Math.ceil(laid.height ?? 0) + 8}`} role="img" aria-labelledby={`${titleId} ${descId}`} focusable="false">
          <defs>
            <marker id={`${titleId}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" />
            </marker>
          </defs>
          <g transform="translate(4 4)">
            {laid.edges.map((e) => {
              const on = e.sources[0] === current && available.includes(e.event);
              const s = e.sections?.[0];
              if (!s) return null;
              const pts = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
              const lab = e.labels?.[0];
              return (
                <g key={e.id} className={`edge${on ? ' available' : ''}`}>
                  <path d={pts.map((p, i) => `${i ? 'L' : 'M'} ${p.x} ${p.y}`).join(' ')} markerEnd={`url(#${titleId}-arrow)`} />
                  {lab && lab.x != null && <text x={lab.x} y={(lab.y ?? 0) + 10}>{lab.text}</text>}
                </g>
              );
            })}
            {laid.children.map((n) => (
              <g key={n.id} className={`node${n.id === current ? ' current' : ''}`} transform={`translate(${n.x ?? 0} ${n.y ?? 0})`}>
                <rect width={n.width} height={n.height} rx={n.id === current ? 4 : 14} />
                <text x={(n.width ?? 0) / 2} y={(n.height ?? 0) / 2 + 4} textAnchor="middle">
                  {n.id === current ? '● ' : ''}{n.labels[0]?.text}
                </text>
              </g>
            ))}
          </g>
        </svg>
      )}
      <p className="small muted">{intl.formatMessage(m.legend)}</p>
    </figure>
  );
}
