import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/**
 * A link to a dossier page. `/dossiers/$id` is declared by the dossiers folder; the loose typing lets this folder
 * build on its own (the router resolves the path at run time either way).
 */
export function DossierLink({ id, children }: { id: string; children: ReactNode }) {
  const props = { to: '/dossiers/$id', params: { id } } as unknown as { to: '/' };
  return <Link {...props}>{children}</Link>;
}
