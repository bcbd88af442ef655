import { useIntl } from 'react-intl';
import { meetingsMessages as m } from './meetings.messages';

/** Read out at the opening (SafeLives MARAC; art. 458ter Sw.): what is shared stays secret, nobody has to speak. */
export function ConfidentialityStatement({ compact = false }: { compact?: boolean }) {
  const intl = useIntl();
  return (
    <section className={compact ? 'notice confidentiality compact' : 'notice confidentiality'} aria-labelledby="conf-h">
      <h2 id="conf-h">
        <span aria-hidden="true">🔒 </span>
        {intl.formatMessage(m.confidentialityTitle)}
      </h2>
      <p>{intl.formatMessage(m.confidentialityText)}</p>
    </section>
  );
}
