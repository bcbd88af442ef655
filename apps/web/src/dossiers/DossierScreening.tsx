import { FormEvent, Fragment, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors } from '../api/problem';
import { useFormat } from '../i18n/format';
import { label, optionsOf } from '../i18n/labels';
import { Button } from '../ui/Button';
import { Choice } from '../ui/Choice';
import { ErrorState, Loading, ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import { SCREENING_QUESTIONS, type ScreeningAnswerCode, type ScreeningQuestion } from '../../../../libs/dossiers/src/screening.questions';
import { caseworkMessages as m, screeningAnswerLabels, screeningQuestionLabels } from './casework.messages';
import { Dossier, useRefreshDossier } from './dossierEdit';
import { useUsers } from '../api/referenceData';
import { useSession } from '../layout/access';

type Draft = Record<ScreeningQuestion, { answer: ScreeningAnswerCode | null; note: string }>;
type Answer = { question: string; answer: string; note: string | null };

const draftOf = (answers: Answer[]): Draft =>
  Object.fromEntries(SCREENING_QUESTIONS.map((q) => {
    const a = answers.find((x) => x.question === q);
    return [q, { answer: (a?.answer as ScreeningAnswerCode | undefined) ?? null, note: a?.note ?? '' }];
  })) as Draft;

/** The screening form of the LIVC: filled in while the dossier is in SCREENING, read-only afterwards. */
export function DossierScreening({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const q = $api.useQuery('get', '/api/dossiers/{id}/screening', { params: { path: { id: dossier.id } } });
  return (
    <section className="card" aria-labelledby="screening-title">
      <h2 id="screening-title">{intl.formatMessage(m.screening)}</h2>
      {q.isLoading && <Loading />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (q.data.editable
        ? <ScreeningForm dossierId={dossier.id} screening={q.data} />
        : dossier.state === 'AANGEMELD' && !q.data.answers.length
          ? <p className="muted">{intl.formatMessage(m.screeningNotYet)}</p>
          : <ScreeningAnswers answers={q.data.answers} />)}
    </section>
  );
}

/** The answers, question by question (with their notes); also the summary in the RETAIN / REJECT dialog. */
export function ScreeningAnswers({ answers, notes = true }: { answers: Answer[]; notes?: boolean }) {
  const intl = useIntl();
  if (!answers.length) return <p className="muted">{intl.formatMessage(m.screeningEmpty)}</p>;
  return (
    <dl className="facts screening-answers">
      {SCREENING_QUESTIONS.map((question) => {
        const a = answers.find((x) => x.question === question);
        return (
          <Fragment key={question}>
            <dt>{label(intl, screeningQuestionLabels, question)}</dt>
            <dd>
              {a ? label(intl, screeningAnswerLabels, a.answer) : <span className="muted">{intl.formatMessage(m.unanswered)}</span>}
              {notes && a?.note && <span className="prewrap"> — {a.note}</span>}
            </dd>
          </Fragment>
        );
      })}
    </dl>
  );
}

function ScreeningForm({ dossierId, screening }: { dossierId: string; screening: { version: number; answers: Answer[]; complete: boolean; updatedBy: string | null; updatedAt: string | null } }) {
  const intl = useIntl();
  const fmt = useFormat();
  const { ability } = useSession();
  const users = useUsers(ability.can('read', 'User'));
  const refresh = useRefreshDossier();
  const save = $api.useMutation('put', '/api/dossiers/{id}/screening');
  const [draft, setDraft] = useState<Draft>(() => draftOf(screening.answers));
  const [done, setDone] = useState(false);
  useEffect(() => setDraft(draftOf(screening.answers)), [screening.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const fields = SCREENING_QUESTIONS.flatMap((_, i) => [`answers.${i}.answer`, `answers.${i}.note`, `answers.${i}.question`]).concat(['answers', 'version']);
  const errors = fieldErrors(save.error, fields);
  const set = (question: ScreeningQuestion, patch: Partial<Draft[ScreeningQuestion]>) => setDraft((d) => ({ ...d, [question]: { ...d[question], ...patch } }));
  const answered = SCREENING_QUESTIONS.filter((question) => draft[question].answer);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    try {
      await save.mutateAsync({
        params: { path: { id: dossierId } },
        body: {
          version: screening.version,
          answers: answered.map((question) => ({ question, answer: draft[question].answer!, ...(draft[question].note.trim() ? { note: draft[question].note.trim() } : {}) })),
        },
      });
      await refresh();
      setDone(true);
    } catch { /* shown next to the fields */ }
  };
  return (
    <Form onSubmit={submit} validationBehavior="aria" className="stack">
      <p className="muted">{intl.formatMessage(m.screeningLead)}</p>
      <ProblemNotice error={save.error} fields={fields} onReload={refresh} />
      {SCREENING_QUESTIONS.map((question, n) => {
        // The API numbers answers in the order they are sent: the answered questions only.
        const i = answered.indexOf(question);
        return (
          <fieldset key={question} className="stack screening-question">
            <Choice label={label(intl, screeningQuestionLabels, question)} value={draft[question].answer} onChange={(answer) => set(question, { answer })}
              options={optionsOf(intl, screeningAnswerLabels)} error={i >= 0 ? errors[`answers.${i}.answer`] : undefined} />
            <TextField label={intl.formatMessage(m.noteFor, { n: n + 1 })} value={draft[question].note} onChange={(note) => set(question, { note })}
              maxLength={500} error={i >= 0 ? errors[`answers.${i}.note`] : undefined} />
          </fieldset>
        );
      })}
      <p className={screening.complete ? 'notice ok' : 'muted'}>
        {screening.complete
          ? intl.formatMessage(m.complete)
          : intl.formatMessage(m.incomplete, { count: SCREENING_QUESTIONS.length - screening.answers.length })}
        {screening.updatedAt && <span className="small"> {intl.formatMessage(m.lastSaved, { who: (screening.updatedBy && users.name(screening.updatedBy)) || '—', when: fmt.dateTime(screening.updatedAt) })}</span>}
      </p>
      <div className="form-actions">
        <Button type="submit" isDisabled={save.isPending}>{intl.formatMessage(m.save)}</Button>
      </div>
      <div aria-live="polite">{done && <p className="notice ok" role="status">{intl.formatMessage(m.saved)}</p>}</div>
    </Form>
  );
}
