import { useState } from 'react';
import { useIntl } from 'react-intl';
import { api, call } from '../api/client';
import { fieldErrors } from '../api/problem';
import type { components } from '../api/schema';
import { label, partnerTypeLabels } from '../i18n/labels';
import { INDICATOR_KEYS, useIndicatorFormat } from '../indicators/indicatorFormat';
import { operatorNames } from '../indicators/indicators.messages';
import { PlainSelect } from '../indicators/PlainSelect';
import { Button } from '../ui/Button';
import { ModalDialog } from '../ui/Dialog';
import { FormError } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { type NodeKind, subtreeSize, type TreeNode } from './planTree';
import { nodeKindLabels, plansMessages as m } from './plans.messages';

export type PlanNode = components['schemas']['PlanNodeView'];
type ReportIndicator = components['schemas']['ReportIndicator'];
type CreateBody = components['schemas']['CreateNodeDto'];
const OPERATORS = ['GTE', 'LTE', 'EQ', 'YES_NO'] as const;
const PARTNER_TYPES = Object.keys(partnerTypeLabels);

/** "0,8" or "0.8" → 0.8; '' → null; anything else → undefined (not a number). */
export function parseNumber(s: string): number | null | undefined {
  const t = s.trim().replace(',', '.');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

interface Done { onDone: () => Promise<unknown> | void; onClose: () => void }

function useSubmit(onDone: Done['onDone'], onClose: Done['onClose']) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      await onDone();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

/** Adds a node of `kind` under `parent` (or a phenomenon at the top), or changes `node`: its title and, for an indicator, how it is measured. */
export function NodeFormDialog({ planId, kind, parent, node, onDone, onClose }: Done & { planId: string; kind: NodeKind; parent?: PlanNode | null; node?: PlanNode }) {
  const intl = useIntl();
  const fmt = useIndicatorFormat();
  const [title, setTitle] = useState(node?.title ?? '');
  const [definitionKey, setKey] = useState<string>(node ? node.definitionKey ?? '' : 'SHARED_AGREEMENTS');
  const [operator, setOperator] = useState<string>(node?.operator ?? 'GTE');
  const [target, setTarget] = useState(node?.target != null ? intl.formatNumber(node.target, { useGrouping: false, maximumFractionDigits: 6 }) : '');
  const [partnerType, setPartnerType] = useState<string>(node?.partnerType ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const { error, busy, run } = useSubmit(onDone, onClose);
  const isIndicator = kind === 'INDICATOR';
  const errs = fieldErrors(error, ['title', 'definitionKey', 'operator', 'target', 'partnerType', 'parentId']);
  const kindName = label(intl, nodeKindLabels, kind);

  const submit = () => {
    const t = parseNumber(target);
    if (isIndicator && t === undefined) return setLocal({ target: intl.formatMessage(m.notANumber) });
    setLocal({});
    const indicator = isIndicator ? {
      definitionKey: (definitionKey || null) as CreateBody['definitionKey'],
      operator: (operator || null) as CreateBody['operator'],
      target: operator ? t ?? null : null,
      partnerType: (definitionKey === 'PARTICIPATIONS' && partnerType ? partnerType : null) as CreateBody['partnerType'],
    } : {};
    return run(() => node
      ? call(api.PATCH('/api/plans/{id}/nodes/{nodeId}', { params: { path: { id: planId, nodeId: node.id } }, body: { version: node.version, title, ...indicator } }))
      : call(api.POST('/api/plans/{id}/nodes', { params: { path: { id: planId } }, body: { kind, title, ...(parent ? { parentId: parent.id } : {}), ...indicator } })));
  };

  return (
    <ModalDialog title={intl.formatMessage(node ? m.renameTitle : m.addTitle, { kind: kindName })} isOpen onOpenChange={(o) => !o && onClose()}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        {parent && <p className="muted">{intl.formatMessage(m.addUnder, { title: parent.title })}</p>}
        <FormError error={error && !Object.keys(errs).some(Boolean) ? error : null} formErrors={[errs[''], errs.parentId].filter(Boolean).join(' ') || undefined} />
        <TextField label={intl.formatMessage(m.nodeTitle)} value={title} onChange={setTitle} isRequired maxLength={2000} multiline rows={2} error={errs.title} autoFocus />
        {isIndicator && (
          <>
            <PlainSelect label={intl.formatMessage(m.source)} value={definitionKey} onChange={setKey}
              options={[...INDICATOR_KEYS.map((k) => ({ id: k, label: fmt.name(k) })), { id: '', label: intl.formatMessage(m.sourceManual) }]} />
            {errs.definitionKey && <p className="error">{errs.definitionKey}</p>}
            {definitionKey === 'PARTICIPATIONS' && (
              <PlainSelect label={intl.formatMessage(m.partnerType)} value={partnerType} onChange={setPartnerType}
                options={[{ id: '', label: intl.formatMessage(m.anyPartner) }, ...PARTNER_TYPES.map((p) => ({ id: p, label: label(intl, partnerTypeLabels, p) }))]} />
            )}
            <PlainSelect label={intl.formatMessage(m.operator)} value={operator} onChange={setOperator}
              options={[...OPERATORS.map((o) => ({ id: o, label: intl.formatMessage(operatorNames[o]) })), { id: '', label: intl.formatMessage(m.noOperator) }]} />
            {operator && (
              <TextField label={intl.formatMessage(m.targetField)} value={target} onChange={setTarget} description={intl.formatMessage(m.targetHint)}
                error={local.target ?? errs.target} />
            )}
          </>
        )}
        <div className="form-actions">
          <Button type="submit" isDisabled={busy}>{intl.formatMessage(uiMessages.save)}</Button>
          <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** Moves a node (and what is under it) under another node of the level above: a choice from a list, no dragging. */
export function MoveDialog({ planId, node, targets, onDone, onClose }: Done & { planId: string; node: PlanNode; targets: PlanNode[] }) {
  const intl = useIntl();
  const [parentId, setParentId] = useState(targets[0]?.id ?? '');
  const { error, busy, run } = useSubmit(onDone, onClose);
  const errs = fieldErrors(error, ['parentId']);
  return (
    <ModalDialog title={intl.formatMessage(m.moveTitle, { title: node.title })} isOpen onOpenChange={(o) => !o && onClose()}>
      <form onSubmit={(e) => {
        e.preventDefault();
        void run(() => call(api.PATCH('/api/plans/{id}/nodes/{nodeId}', { params: { path: { id: planId, nodeId: node.id } }, body: { version: node.version, parentId } })));
      }} noValidate>
        <FormError error={error && !errs.parentId ? error : null} formErrors={errs['']} />
        {targets.length === 0 ? <p>{intl.formatMessage(m.noOtherParent)}</p> : (
          <PlainSelect label={intl.formatMessage(m.newParent)} value={parentId} onChange={setParentId} options={targets.map((t) => ({ id: t.id, label: t.title }))} />
        )}
        {errs.parentId && <p className="error">{errs.parentId}</p>}
        <div className="form-actions">
          <Button type="submit" isDisabled={busy || !targets.length}>{intl.formatMessage(m.move)}</Button>
          <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** Asks before a node and everything under it is deleted (an alert dialog: a click outside does not answer it). */
export function DeleteDialog({ planId, node, onDone, onClose }: Done & { planId: string; node: PlanNode }) {
  const intl = useIntl();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const kind = label(intl, nodeKindLabels, node.kind);
  return (
    <ModalDialog role="alertdialog" title={intl.formatMessage(m.removeTitle, { kind })} isOpen onOpenChange={(o) => !o && onClose()}>
      <p>{intl.formatMessage(m.removeText, { title: node.title, count: subtreeSize(node as TreeNode) })}</p>
      <FormError error={error} />
      <div className="form-actions">
        <Button variant="danger" isDisabled={busy} onPress={() => void run(() => call(api.DELETE('/api/plans/{id}/nodes/{nodeId}', { params: { path: { id: planId, nodeId: node.id } } })))}>
          {intl.formatMessage(m.removeConfirm)}
        </Button>
        <Button variant="secondary" onPress={onClose} autoFocus>{intl.formatMessage(uiMessages.cancel)}</Button>
      </div>
    </ModalDialog>
  );
}

/** The value of a manual indicator for the reporting year, with where it comes from. */
export function ValueDialog({ planId, node, year, current, onDone, onClose }: Done & { planId: string; node: PlanNode; year: number; current?: ReportIndicator }) {
  const intl = useIntl();
  const yesNo = node.operator === 'YES_NO';
  const [value, setValue] = useState(current?.value != null ? intl.formatNumber(current.value, { useGrouping: false, maximumFractionDigits: 6 }) : '');
  const [evidence, setEvidence] = useState(current?.evidenceNote ?? '');
  const [local, setLocal] = useState<string | undefined>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const errs = fieldErrors(error, ['value', 'evidenceNote']);
  const submit = () => {
    const v = parseNumber(value);
    if (v == null) return setLocal(intl.formatMessage(v === null ? uiMessages.required : m.notANumber));
    setLocal(undefined);
    return run(() => call(api.PUT('/api/plans/{id}/nodes/{nodeId}/values/{year}', {
      params: { path: { id: planId, nodeId: node.id, year } },
      body: { value: v, evidenceNote: evidence.trim() || null, ...(current?.valueVersion ? { version: current.valueVersion } : {}) },
    })));
  };
  return (
    <ModalDialog title={intl.formatMessage(m.valueTitle, { year })} isOpen onOpenChange={(o) => !o && onClose()}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <p className="muted">{node.title}</p>
        <FormError error={error && !errs.value && !errs.evidenceNote ? error : null} formErrors={errs['']} />
        <TextField label={intl.formatMessage(m.valueField)} value={value} onChange={setValue} isRequired autoFocus error={local ?? errs.value}
          description={yesNo ? intl.formatMessage(m.targetHint) : undefined} />
        <TextField label={intl.formatMessage(m.evidenceField)} value={evidence} onChange={setEvidence} multiline rows={3} maxLength={2000}
          description={intl.formatMessage(m.evidenceHint)} error={errs.evidenceNote} />
        <div className="form-actions">
          <Button type="submit" isDisabled={busy}>{intl.formatMessage(uiMessages.save)}</Button>
          <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** The evaluator's comment on an indicator for the reporting year (the yearly evaluation; in the report PDF). */
export function CommentDialog({ planId, node, year, current, onDone, onClose }: Done & { planId: string; node: PlanNode; year: number; current?: ReportIndicator }) {
  const intl = useIntl();
  const [text, setText] = useState(current?.comment?.text ?? '');
  const { error, busy, run } = useSubmit(onDone, onClose);
  const errs = fieldErrors(error, ['text']);
  const submit = () => run(() => call(api.PUT('/api/plans/{id}/nodes/{nodeId}/comments/{year}', {
    params: { path: { id: planId, nodeId: node.id, year } },
    body: { text, ...(current?.comment ? { version: current.comment.version } : {}) },
  })));
  return (
    <ModalDialog title={intl.formatMessage(m.commentTitle, { year })} isOpen onOpenChange={(o) => !o && onClose()}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <p className="muted">{node.title}</p>
        <FormError error={error && !errs.text ? error : null} formErrors={errs['']} />
        <TextField label={intl.formatMessage(m.commentField)} value={text} onChange={setText} multiline rows={5} maxLength={4000} autoFocus
          description={intl.formatMessage(m.commentHint)} error={errs.text} />
        <div className="form-actions">
          <Button type="submit" isDisabled={busy}>{intl.formatMessage(uiMessages.save)}</Button>
          <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
        </div>
      </form>
    </ModalDialog>
  );
}
