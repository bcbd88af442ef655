import type { Role } from '@kernteam/users';

/** The authenticated caller, rebuilt from the database on every request (role changes take effect at once). */
export interface Actor {
  id: string;
  tenantId: string;
  role: Role;
  partnerId: string | null;
  ip: string | null;
}
