import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { fieldErrors, isProblem, isStaleVersion } from '../api/problem';
import { Button } from './Button';
import { uiMessages } from './ui.messages';

export function Loading() {
  return (
    <p role="status" className="muted">
      <FormattedMessage {...uiMessages.loading} />
    </p>
  );
}

/** What went wrong, in the user's words: 404 and 403 say so; anything else offers a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const intl = useIntl();
  const status = isProblem(error) ? error.status : 0;
  const message =
    status === 404 ? uiMessages.errorNotFound : status === 403 ? uiMessages.errorForbidden : status === 0 ? uiMessages.errorNetwork : null;
  return (
    <div className="notice danger" role="alert">
      <strong>{intl.formatMessage(uiMessages.errorTitle)}</strong>
      <p>{message ? intl.formatMessage(message) : isProblem(error) ? error.detail ?? error.title : ''}</p>
      {onRetry && status !== 404 && status !== 403 && (
        <Button variant="secondary" onPress={onRetry}>
          {intl.formatMessage(uiMessages.retry)}
        </Button>
      )}
    </div>
  );
}

/** The problem's message for a whole form (errors not tied to a shown field, or a refusal such as 409/422). */
export function FormError({ error, formErrors }: { error: unknown; formErrors?: string }) {
  const intl = useIntl();
  if (!error && !formErrors) return null;
  const detail = formErrors || (isProblem(error) ? (error.errors?.length ? intl.formatMessage(uiMessages.formHasErrors) : error.detail ?? error.title) : intl.formatMessage(uiMessages.errorNetwork));
  return (
    <div className="form-error" role="alert">
      {detail}
    </div>
  );
}

/**
 * A refused write. A 409 stale version (someone else changed the record) says so and offers to load the newest
 * version; the form keeps what was typed and sends the fresh `version` when submitted again. Any other problem is the
 * form's error: field errors of `fields` are shown by the fields themselves, the rest here.
 */
export function ProblemNotice({ error, fields, onReload }: { error: unknown; fields?: readonly string[]; onReload: () => unknown }) {
  const intl = useIntl();
  const [reloaded, setReloaded] = useState(false);
  useEffect(() => setReloaded(false), [error]);
  if (!isStaleVersion(error)) return <FormError error={error} formErrors={fieldErrors(error, fields)['']} />;
  if (reloaded) return <p className="notice info" role="status">{intl.formatMessage(uiMessages.staleReloaded)}</p>;
  return (
    <div className="notice warn" role="alert">
      <strong>{intl.formatMessage(uiMessages.staleTitle)}</strong>
      <p>{intl.formatMessage(uiMessages.staleText)}</p>
      <Button variant="secondary" onPress={async () => { await onReload(); setReloaded(true); }}>{intl.formatMessage(uiMessages.staleReload)}</Button>
    </div>
  );
}
