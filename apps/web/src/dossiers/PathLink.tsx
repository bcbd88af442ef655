import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/**
 * A link to a route another domain folder declares (meetings, agreements). Typed route links need the route in this
 * branch's tree; the path of UI.md is the contract, so it is given as a plain path.
 */
export function PathLink({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return <Link to={to as '/'} className={className}>{children}</Link>;
}
