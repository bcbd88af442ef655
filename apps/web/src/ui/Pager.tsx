import { useIntl } from 'react-intl';
import { Button } from './Button';
import { uiMessages } from './ui.messages';

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const intl = useIntl();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={intl.formatMessage(uiMessages.pageOf, { page, pages, total })}>
      <Button variant="secondary" size="small" isDisabled={page <= 1} onPress={() => onPage(page - 1)}>
        {intl.formatMessage(uiMessages.previousPage)}
      </Button>
      <span aria-live="polite">{intl.formatMessage(uiMessages.pageOf, { page, pages, total })}</span>
      <Button variant="secondary" size="small" isDisabled={page >= pages} onPress={() => onPage(page + 1)}>
        {intl.formatMessage(uiMessages.nextPage)}
      </Button>
    </nav>
  );
}
