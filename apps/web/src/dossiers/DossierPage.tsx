import { getRouteApi, Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { Allowed } from '../layout/access';
import { useFormat } from '../i18n/format';
import { closureReasonLabels, label, phenomenonLabels } from '../i18n/labels';
import { Page, QueryPage } from '../ui/Page';
import { DossierAgreements, DossierMeetings } from './DossierAgreements';
import { DossierAwareness } from './DossierAwareness';
import { DossierContributions } from './DossierContributions';
import { DossierScreening } from './DossierScreening';
import type { Dossier } from './dossierEdit';
import { DossierLifecycle } from './DossierLifecycle';
import { CasemanagerField, IdentitySection, MunicipalityField, PartnersSection, SummarySection } from './DossierSections';
import { DossierStateBadge, subjectName } from './DossierStateBadge';
import { DossierTimeline } from './DossierTimeline';
import { dossierMessages as m } from './dossiers.messages';
import { usePartners, useSettings } from '../api/referenceData';
import { DossierFeedbackSheets } from '../feedback/DossierFeedbackSheets';
import { DossierTransfer } from '../transfers/DossierTransfer';
import { MatchQuery } from '../transfers/MatchQuery';

const route = getRouteApi('/app/dossiers/$id');

export function DossierPage() {
  return (
    <Allowed action="read" subject="Dossier">
      <DossierView />
    </Allowed>
  );
}

function DossierView() {
  const intl = useIntl();
  const { id } = route.useParams();
  const q = $api.useQuery('get', '/api/dossiers/{id}', { params: { path: { id } } });
  return (
    <QueryPage title={intl.formatMessage(m.pageTitleGeneric)} query={q}>
      {(d) => <DossierRecord d={d} />}
    </QueryPage>
  );
}

function DossierRecord({ d }: { d: Dossier }) {
  const intl = useIntl();
  const fmt = useFormat();
  const partners = usePartners();
  const joint = (useSettings()?.municipalities.length ?? 0) > 1;
  const name = subjectName(d.subject);
  return (
    <Page
      title={intl.formatMessage(m.pageTitle, { reference: d.reference })}
      lead={<><DossierStateBadge state={d.state} />{name && <> · {name}</>}</>}
      actions={<>{d.subject && d.state !== 'GEANONIMISEERD' && <MatchQuery dossierId={d.id} />} <Link to="/dossiers">{intl.formatMessage(m.backToList)}</Link></>}
    >
      <div className="grid-2 dossier-grid">
        <div className="stack">
          <section className="card" aria-labelledby="details-title">
            <h2 id="details-title">{intl.formatMessage(m.details)}</h2>
            <dl className="facts">
              <dt>{intl.formatMessage(m.state)}</dt><dd><DossierStateBadge state={d.state} /> <span className="muted small">{d.state}</span></dd>
              <dt>{intl.formatMessage(m.phenomenon)}</dt><dd>{label(intl, phenomenonLabels, d.phenomenon)}</dd>
              <dt>{intl.formatMessage(m.receivedOn)}</dt><dd>{fmt.date(d.receivedOn)}</dd>
              <dt>{intl.formatMessage(m.referringPartner)}</dt><dd>{partners.name(d.referringPartnerId)}</dd>
              <dt>{intl.formatMessage(m.casemanager)}</dt><dd><CasemanagerField dossier={d} /></dd>
              {(joint || d.municipality) && <><dt>{intl.formatMessage(m.dossierMunicipality)}</dt><dd><MunicipalityField dossier={d} /></dd></>}
              {d.closureReason && <><dt>{intl.formatMessage(m.closureReason)}</dt><dd>{label(intl, closureReasonLabels, d.closureReason)}</dd></>}
            </dl>
          </section>
          <IdentitySection dossier={d} />
          <SummarySection dossier={d} />
          <PartnersSection dossier={d} />
          <DossierAwareness dossier={d} />
        </div>
        <div className="stack">
          <DossierLifecycle dossier={d} />
          <DossierScreening dossier={d} />
          <DossierMeetings dossierId={d.id} />
          <DossierAgreements dossierId={d.id} />
          <DossierTransfer dossier={d} />
        </div>
      </div>
      <DossierContributions dossier={d} />
      <DossierFeedbackSheets dossierId={d.id} receivedOn={d.receivedOn} />
      <DossierTimeline dossierId={d.id} />
    </Page>
  );
}
