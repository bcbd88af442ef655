import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { useSession } from '../layout/access';
import { useFormat } from '../i18n/format';
import { closureReasonLabels, dossierEventLabels, dossierStateLabels, label } from '../i18n/labels';
import { ErrorState, Loading } from '../ui/States';
import { dossierMessages as m } from './dossiers.messages';
import { useUsers } from '../api/referenceData';
import { SCREENING_QUESTIONS, type ScreeningQuestion } from '../../../../libs/dossiers/src/screening.questions';
import { caseworkMessages, screeningAnswerLabels, screeningQuestionLabels } from './casework.messages';

/** The screening answers an event carries, on one line: "1. Ja · 2. Nee · …" with each question in words for assistive tech. */
function ScreeningLine({ answers }: { answers: { question: string; answer: string; note: string | null }[] }) {
  const intl = useIntl();
  return (
    <span className="small screening-line">
      {intl.formatMessage(caseworkMessages.screening)}:{' '}
      {answers.map((a, i) => (
        <span key={a.question}>
          {i > 0 && ' · '}
          <abbr title={label(intl, screeningQuestionLabels, a.question)}>{SCREENING_QUESTIONS.indexOf(a.question as ScreeningQuestion) + 1}.</abbr>
          <span className="visually-hidden"> {label(intl, screeningQuestionLabels, a.question)}</span>{' '}
          {label(intl, screeningAnswerLabels, a.answer)}{a.note ? ` (${a.note})` : ''}
        </span>
      ))}
    </span>
  );
}

/** Every step of the dossier, oldest first: what happened, from which state to which, who, when and why. */
export function DossierTimeline({ dossierId }: { dossierId: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const { ability } = useSession();
  const users = useUsers(ability.can('read', 'User'));
  const history = $api.useQuery('get', '/api/dossiers/{id}/history', { params: { path: { id: dossierId } } });
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{intl.formatMessage(m.timeline)}</h2>
      {history.isLoading && <Loading />}
      {history.error && <ErrorState error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.timelineWhen)}</th>
              <th scope="col">{intl.formatMessage(m.timelineEvent)}</th>
              <th scope="col">{intl.formatMessage(m.timelineStates)}</th>
              <th scope="col">{intl.formatMessage(m.timelineWho)}</th>
              <th scope="col">{intl.formatMessage(m.timelineReason)}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((h) => (
              <tr key={h.seq}>
                <td>{fmt.dateTime(h.at)}</td>
                <th scope="row">{label(intl, dossierEventLabels, h.event)}</th>
                <td>
                  {h.fromState ? label(intl, dossierStateLabels, h.fromState) : '—'}
                  <span aria-hidden="true"> → </span><span className="visually-hidden">, </span>
                  {label(intl, dossierStateLabels, h.toState)}
                </td>
                <td>{h.actorId ? users.name(h.actorId) ?? '—' : intl.formatMessage(m.system)}</td>
                <td className="prewrap">
                  {h.event === 'CLOSE' && h.reason ? label(intl, closureReasonLabels, h.reason) : h.reason ?? ''}
                  {h.screening && <ScreeningLine answers={h.screening} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
