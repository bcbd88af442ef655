import type { Policy } from '@kernteam/access';
import { agreementPolicy } from '@kernteam/agreements';
import { auditPolicy } from '@kernteam/audit';
import { identityProviderPolicy } from '@kernteam/auth';
import { dossierPolicy } from '@kernteam/dossiers';
import { exportPolicy } from '@kernteam/exports';
import { indicatorPolicy } from '@kernteam/indicators';
import { feedbackSheetPolicy } from '@kernteam/feedback';
import { meetingPolicy } from '@kernteam/meetings';
import { deliveryPolicy, notificationPolicy } from '@kernteam/notifications';
import { partnerPolicy } from '@kernteam/partners';
import { planPolicy } from '@kernteam/plans';
import { settingsPolicy } from '@kernteam/tenants';
import { transferPolicy } from '@kernteam/transfers';
import { grantRequestPolicy, userPolicy } from '@kernteam/users';

/** The whole access matrix of DESIGN.md §6: each domain's share, composed once. */
export const POLICIES: readonly Policy[] = [
  partnerPolicy, userPolicy, dossierPolicy, auditPolicy, meetingPolicy, agreementPolicy, feedbackSheetPolicy, notificationPolicy,
  deliveryPolicy, indicatorPolicy, planPolicy, exportPolicy, settingsPolicy, transferPolicy, identityProviderPolicy, grantRequestPolicy,
];
