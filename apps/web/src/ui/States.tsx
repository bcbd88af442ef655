import { FormattedMessage, useIntl } from 'react-intl';
import { isProblem } from '../api/problem';
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
