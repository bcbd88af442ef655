import { useState } from 'react';
import { Button as AriaButton, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import { label } from '../i18n/labels';
import { useIndicatorFormat } from '../indicators/indicatorFormat';
import { MetBadge } from '../indicators/MetBadge';
import { FormError } from '../ui/States';
import { CommentDialog, DeleteDialog, MoveDialog, NodeFormDialog, type PlanNode, ValueDialog } from './NodeDialogs';
import { childKindOf, moveTargets, type NodeKind, reorder } from './planTree';
import { nodeKindLabels, plansMessages as m } from './plans.messages';

type ReportIndicator = components['schemas']['ReportIndicator'];

type Action =
  | { type: 'add'; parent: PlanNode | null; kind: NodeKind }
  | { type: 'edit'; node: PlanNode }
  | { type: 'move'; node: PlanNode }
  | { type: 'delete'; node: PlanNode }
  | { type: 'value'; node: PlanNode }
  | { type: 'comment'; node: PlanNode };

interface Props {
  planId: string;
  roots: PlanNode[];
  indicators: Map<string, ReportIndicator>;
  canEdit: boolean;
  /** The reporting year shown (manual values are per year); null for a period of another length. */
  year: number | null;
  onChanged: () => Promise<unknown>;
}

/**
 * The plan as a tree of nested lists: fenomeen → strategische → operationele doelstelling → verwacht resultaat →
 * indicator. A node with children is a disclosure button (aria-expanded); every change is a menu item, so the keyboard
 * does everything a pointer does (moving included: up, down, or under another parent from a list).
 */
export function PlanTree({ planId, roots, indicators, canEdit, year, onChanged }: Props) {
  const intl = useIntl();
  const [action, setAction] = useState<Action | null>(null);
  const [moveError, setMoveError] = useState<unknown>(null);
  const close = () => setAction(null);

  const shift = async (siblings: PlanNode[], index: number, delta: -1 | 1) => {
    setMoveError(null);
    try {
      for (const p of reorder(siblings, index, delta)) {
        await call(api.PATCH('/api/plans/{id}/nodes/{nodeId}', { params: { path: { id: planId, nodeId: p.id } }, body: { version: p.version, position: p.position } }));
      }
    } catch (e) {
      setMoveError(e);
    } finally {
      await onChanged();
    }
  };

  return (
    <>
      <FormError error={moveError} />
      {roots.length === 0 ? <p className="empty">{intl.formatMessage(m.empty)}</p> : (
        <ul className="plan-tree" aria-label={intl.formatMessage(m.tree)}>
          {roots.map((n, i) => (
            <TreeItem key={n.id} node={n} siblings={roots} index={i} roots={roots} indicators={indicators} canEdit={canEdit} year={year} onAction={setAction} onShift={shift} />
          ))}
        </ul>
      )}
      {canEdit && (
        <p className="form-actions">
          <AriaButton className="btn secondary" onPress={() => setAction({ type: 'add', parent: null, kind: 'PHENOMENON' })}>{intl.formatMessage(m.addPhenomenon)}</AriaButton>
        </p>
      )}
      {action?.type === 'add' && <NodeFormDialog planId={planId} kind={action.kind} parent={action.parent} onDone={onChanged} onClose={close} />}
      {action?.type === 'edit' && <NodeFormDialog planId={planId} kind={action.node.kind} node={action.node} onDone={onChanged} onClose={close} />}
      {action?.type === 'move' && <MoveDialog planId={planId} node={action.node} targets={moveTargets(roots, action.node)} onDone={onChanged} onClose={close} />}
      {action?.type === 'delete' && <DeleteDialog planId={planId} node={action.node} onDone={onChanged} onClose={close} />}
      {action?.type === 'comment' && year !== null && (
        <CommentDialog planId={planId} node={action.node} year={year} current={indicators.get(action.node.id)} onDone={onChanged} onClose={close} />
      )}
      {action?.type === 'value' && year !== null && (
        <ValueDialog planId={planId} node={action.node} year={year} current={indicators.get(action.node.id)} onDone={onChanged} onClose={close} />
      )}
    </>
  );
}

interface ItemProps {
  node: PlanNode; siblings: PlanNode[]; index: number; roots: PlanNode[]; indicators: Map<string, ReportIndicator>; canEdit: boolean; year: number | null;
  onAction: (a: Action) => void; onShift: (siblings: PlanNode[], index: number, delta: -1 | 1) => Promise<void>;
}

function TreeItem(props: ItemProps) {
  const { node, indicators, canEdit } = props;
  const intl = useIntl();
  const [open, setOpen] = useState(true);
  const hasChildren = node.children.length > 0;
  const kind = label(intl, nodeKindLabels, node.kind);
  const indicator = indicators.get(node.id);
  return (
    <li className={`plan-node kind-${node.kind.toLowerCase()}`}>
      <div className="plan-node-row">
        <span className="plan-kind">{kind}</span>
        {hasChildren ? (
          <button type="button" className="disclosure" aria-expanded={open} onClick={() => setOpen(!open)}>
            <span aria-hidden="true" className="disclosure-icon">{open ? '▾' : '▸'}</span> {node.title}
          </button>
        ) : <span className="plan-title">{node.title}</span>}
        {canEdit && <NodeMenu {...props} />}
      </div>
      {node.kind === 'INDICATOR' && <IndicatorFigures node={node} r={indicator} year={props.year} />}
      {hasChildren && open && (
        <ul>
          {node.children.map((c, i) => <TreeItem {...props} key={c.id} node={c} siblings={node.children} index={i} />)}
        </ul>
      )}
    </li>
  );
}

function NodeMenu({ node, siblings, index, roots, year, onAction, onShift }: ItemProps) {
  const intl = useIntl();
  const child = childKindOf(node.kind);
  const targets = moveTargets(roots, node);
  const items: { id: string; text: string; run: () => void }[] = [];
  if (child) items.push({ id: 'add', text: intl.formatMessage(m.addChild, { kind: label(intl, nodeKindLabels, child) }), run: () => onAction({ type: 'add', parent: node, kind: child }) });
  items.push({ id: 'edit', text: intl.formatMessage(m.rename), run: () => onAction({ type: 'edit', node }) });
  if (node.kind === 'INDICATOR' && year !== null) items.push({ id: 'comment', text: intl.formatMessage(m.editComment, { year }), run: () => onAction({ type: 'comment', node }) });
  if (node.kind === 'INDICATOR' && node.manual && year !== null) items.push({ id: 'value', text: intl.formatMessage(m.enterValue), run: () => onAction({ type: 'value', node }) });
  if (index > 0) items.push({ id: 'up', text: intl.formatMessage(m.moveUp), run: () => void onShift(siblings, index, -1) });
  if (index < siblings.length - 1) items.push({ id: 'down', text: intl.formatMessage(m.moveDown), run: () => void onShift(siblings, index, 1) });
  if (targets.length) items.push({ id: 'move', text: intl.formatMessage(m.moveTo), run: () => onAction({ type: 'move', node }) });
  items.push({ id: 'delete', text: intl.formatMessage(m.remove), run: () => onAction({ type: 'delete', node }) });
  return (
    <MenuTrigger>
      <AriaButton className="btn quiet small" aria-label={intl.formatMessage(m.actions, { title: node.title })}>
        {intl.formatMessage(m.actionsShort)} <span aria-hidden="true">▾</span>
      </AriaButton>
      <Popover className="popover">
        <Menu className="listbox" onAction={(key) => items.find((i) => i.id === key)?.run()}>
          {items.map((i) => <MenuItem key={i.id} id={i.id} className="listbox-item">{i.text}</MenuItem>)}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

/** An indicator's figures for the period: value (with its count), target and whether it is met (words and symbol). */
function IndicatorFigures({ node, r, year }: { node: PlanNode; r: ReportIndicator | undefined; year: number | null }) {
  const intl = useIntl();
  const fmt = useIndicatorFormat();
  const measure = fmt.measureOf(node.definitionKey, node.operator);
  const value = r ? fmt.value(r.value, measure) : '—';
  return (
    <div className="plan-figures">
      <span><span className="muted">{intl.formatMessage(m.value)}</span> <strong>{value}</strong>
        {r?.numerator != null && r.denominator != null && <> ({intl.formatMessage(m.basis, { numerator: r.numerator, denominator: r.denominator })})</>}
      </span>
      <span><span className="muted">{intl.formatMessage(m.target)}</span> {fmt.target(node.operator, node.target, measure)}</span>
      <MetBadge met={r?.met} />
      <span className="muted small">
        {node.definitionKey ? intl.formatMessage(m.computed, { indicator: fmt.name(node.definitionKey) }) : intl.formatMessage(m.manual)}
        {r?.evidenceNote && <> · {intl.formatMessage(m.evidence, { note: r.evidenceNote })}</>}
      </span>
      {r?.current && <span className="small">{intl.formatMessage(m.nowDiffers, { value: fmt.value(r.current.value, measure) })}</span>}
      {r?.reported && <span className="small">{intl.formatMessage(m.reportedBefore, { value: fmt.value(r.reported.value, measure) })}</span>}
      {year !== null && r?.comment?.text && (
        <p className="plan-comment small"><span className="muted">{intl.formatMessage(m.comment, { year })}:</span> {r.comment.text}</p>
      )}
    </div>
  );
}
