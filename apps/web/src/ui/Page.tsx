import { ReactNode, useEffect } from 'react';

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
