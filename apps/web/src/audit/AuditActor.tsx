import { useIntl } from 'react-intl';
import { auditMessages as m } from './audit.messages';

/** Who acted: the name, the e-mail address beside it (two people may share a name). */
export function AuditActor({ name, email }: { name: string | null; email?: string | null }) {
  const intl = useIntl();
  if (!name) return <span className="muted">{intl.formatMessage(m.unknownActor)}</span>;
  return (
    <>
      {name}
      {email && <><br /><span className="muted small">{email}</span></>}
    </>
  );
}
