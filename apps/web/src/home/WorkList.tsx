import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { ErrorState, Loading } from '../ui/States';

/** One block of the start page: a titled list with its count, an empty text, and a link to the full list. */
export function WorkList({ id, title, count, loading, error, empty, more, children }: {
  id: string; title: string; count?: number; loading?: boolean; error?: unknown; empty: string; more?: ReactNode; children: ReactNode[];
}) {
  const intl = useIntl();
  return (
    <section className="card work-list" aria-labelledby={id}>
      <h2 id={id}>
        {title}
        {count !== undefined && <> <span className="count">({intl.formatNumber(count)})</span></>}
      </h2>
      {loading && <Loading />}
      {!!error && <ErrorState error={error} />}
      {!loading && !error && (children.length ? <ul className="stack">{children}</ul> : <p className="muted">{empty}</p>)}
      {more}
    </section>
  );
}
