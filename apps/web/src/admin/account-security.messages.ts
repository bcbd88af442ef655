import { defineMessages } from '../i18n/messages';

/** The admin's "end all sessions" and "reset second factor" of a user, and the tenant's second-factor setting. */
export const accountSecurityMessages = defineMessages({
  endSessions: { id: 'admin.users.endSessions', defaultMessage: 'Alle sessies beëindigen' },
  endSessionsTitle: { id: 'admin.users.endSessionsTitle', defaultMessage: 'Alle sessies van {name} beëindigen?' },
  endSessionsText: { id: 'admin.users.endSessionsText', defaultMessage: '{name} wordt overal afgemeld, ook in apps die met een token werken. Het wachtwoord blijft hetzelfde.' },
  sessionsEnded: { id: 'admin.users.sessionsEnded', defaultMessage: '{n, plural, =0 {{name} had geen open browsersessie; eerdere tokens werken niet meer.} one {Eén sessie van {name} is beëindigd; eerdere tokens werken niet meer.} other {# sessies van {name} zijn beëindigd; eerdere tokens werken niet meer.}}' },
  resetTotp: { id: 'admin.users.resetTotp', defaultMessage: 'Tweestapsverificatie resetten' },
  resetTotpTitle: { id: 'admin.users.resetTotpTitle', defaultMessage: 'Tweestapsverificatie van {name} resetten?' },
  resetTotpText: { id: 'admin.users.resetTotpText', defaultMessage: 'Doe dit alleen als {name} het toestel met de authenticator-app kwijt is en u zeker weet wie het vraagt. De auditors krijgen een melding.' },
  totpReset: { id: 'admin.users.totpReset', defaultMessage: 'De tweestapsverificatie van {name} is gereset. Vereist de rol ze, dan stelt {name} ze opnieuw in bij de volgende aanmelding.' },
  noTotp: { id: 'admin.users.noTotp', defaultMessage: 'Deze gebruiker heeft geen tweestapsverificatie ingesteld.' },
  mfaRoles: { id: 'admin.settings.mfaRoles', defaultMessage: 'Tweestapsverificatie verplicht voor' },
  mfaRolesHelp: { id: 'admin.settings.mfaRolesHelp', defaultMessage: 'Gebruikers met deze rollen stellen na het aanmelden eerst tweestapsverificatie in, als ze dat nog niet deden.' },
});
