import { InitialSchema1763700000000 } from './1763700000000-initial-schema';
import { MeetingsSchema1763750000000 } from './1763750000000-meetings-schema';
import { TenantIsolation1763760000000 } from './1763760000000-tenant-isolation';
import { MeetingDeliveries1763800000000 } from './1763800000000-meeting-deliveries';
import { PlansIndicatorsExports1763850000000 } from './1763850000000-plans-indicators-exports';
import { BrowserSessions1764100000000 } from './1764100000000-browser-sessions';
import { ReopenClosedYears1764200000000 } from './1764200000000-reopen-closed-years';
import { DossiersReceivedIndex1764200000001 } from './1764200000001-dossiers-received-index';
import { SettingsReferralsAccounts1764300000000 } from './1764300000000-settings-referrals-accounts';
import { AccountLinks1765200000000 } from './1765200000000-account-links';
import { LoginThrottle1765400000000 } from './1765400000000-login-throttle';
import { Deliveries1765500000000 } from './1765500000000-deliveries';
import { JointLivcEvaluation1766000000000 } from './1766000000000-joint-livc-evaluation';
import { MfaSessions1765700000000 } from './1765700000000-mfa-sessions';
import { TransfersMatching1765800000000 } from './1765800000000-transfers-matching';
import { ScreeningAwareness1765900000000 } from './1765900000000-screening-awareness';
import { GrantRequests1766100000000 } from './1766100000000-grant-requests';
import { LateAuditAppend1766200000000 } from './1766200000000-late-audit-append';
import { DossierCounts1766200000001 } from './1766200000001-dossier-counts';
import { LighterRequestSql1766300000000 } from './1766300000000-lighter-request-sql';
import { OrderedDossierCounts1766400000000 } from './1766400000000-ordered-dossier-counts';
import { QueuedChainAppend1766500000000 } from './1766500000000-queued-chain-append';
import { IdentityProviders1765600000000 } from './1765600000000-identity-providers';

/** Every migration, in order. The only way the schema changes. */
export const migrations = [
  InitialSchema1763700000000, MeetingsSchema1763750000000, TenantIsolation1763760000000, MeetingDeliveries1763800000000,
  PlansIndicatorsExports1763850000000, BrowserSessions1764100000000, ReopenClosedYears1764200000000,
  DossiersReceivedIndex1764200000001, SettingsReferralsAccounts1764300000000, AccountLinks1765200000000, LoginThrottle1765400000000, Deliveries1765500000000,
  IdentityProviders1765600000000, MfaSessions1765700000000, TransfersMatching1765800000000, ScreeningAwareness1765900000000, JointLivcEvaluation1766000000000,
  GrantRequests1766100000000, LateAuditAppend1766200000000, DossierCounts1766200000001, LighterRequestSql1766300000000,
  OrderedDossierCounts1766400000000, QueuedChainAppend1766500000000,
];
