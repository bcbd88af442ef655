import { ReactNode, useEffect } from 'react';
import { ErrorState, Loading } from './States';

/** Every page has one h1; the document title follows it so tabs and history say where one is. */
export function Page({ title, actions, children, lead }: { title: string; actions?: ReactNode; children: ReactNode; lead?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Kernteam`;
  }, [title]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          {lead && <div className="muted">{lead}</div>}
        </div>
        {actions && <div className="actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

interface RecordQuery<T> { data: T | undefined; isPending: boolean; error: unknown; refetch: () => unknown }

/**
 * The page of one record read by `query`. Until it is there, the page still has its h1 and document title (`title`,
 * the kind of record) with the loading state or the error under it; then `children` renders the record's own `Page`.
 */
export function QueryPage<T>({ title, query, children }: { title: string; query: RecordQuery<T>; children: (data: T) => ReactNode }) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  return (
    <Page title={title}>
      {query.isPending ? <Loading /> : <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
    </Page>
  );
}
