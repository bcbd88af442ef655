import type { Policy } from '@kernteam/access';
import { dossierPolicy } from '@kernteam/dossiers';
import { exportPolicy } from '@kernteam/exports';
import { indicatorPolicy } from '@kernteam/indicators';
import { partnerPolicy } from '@kernteam/partners';
import { planPolicy } from '@kernteam/plans';
import { userPolicy } from '@kernteam/users';

/** The whole access matrix of DESIGN.md §6: each domain's share, composed once. */
export const POLICIES: readonly Policy[] = [partnerPolicy, userPolicy, dossierPolicy, indicatorPolicy, planPolicy, exportPolicy];
