import type { SessionRestriction } from './session.service';

/** What the guard adds to a request whose session or token is restricted to the enrolment routes. */
export interface RestrictedRequest { restriction?: SessionRestriction | null }
