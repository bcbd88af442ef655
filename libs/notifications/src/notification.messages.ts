import type { Bilingual } from '@kernteam/http';

/**
 * Every text the product sends to people outside the HTTP API (in-app notifications, e-mails), in Dutch and French
 * (nl-BE, fr-BE). Notifications store codes and ids only; the text is rendered when read.
 *
 * E-mails leave the product's protection: they carry no names, no dossier reference and no case content, only what a
 * recipient needs to find the information in the product (a date, a place, a link).
 */

export const NOTIFICATION_KINDS = ['meeting.invitation', 'meeting.cancelled', 'agreement.due', 'agreement.overdue', 'feedback.approval_requested', 'feedback.approved',
  'user.role_granted', 'user.password_reset', 'user.second_factor_reset', 'grant.requested', 'grant.decided',
  'transfer.proposed', 'transfer.decided', 'transfer.withdrawn'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const TZ = 'Europe/Brussels';
const dateTime = (iso: string, locale: 'nl-BE' | 'fr-BE') =>
  new Intl.DateTimeFormat(locale, { timeZone: TZ, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
const date = (ymd: string, locale: 'nl-BE' | 'fr-BE') =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(`${ymd}T00:00:00Z`));
const at = (location: unknown, prefix: string) => (typeof location === 'string' && location.trim() ? `${prefix} ${location.trim()}` : '');

/** The in-app text of a notification from its kind and data (codes, ids, dates). */
export function notificationMessage(kind: string, data: Record<string, unknown>): Bilingual {
  const s = (k: string) => String(data[k] ?? '');
  switch (kind as NotificationKind) {
    case 'meeting.invitation':
      return {
        nl: `Uitnodiging voor het overleg van het kernteam (LIVC-R) op ${dateTime(s('scheduledAt'), 'nl-BE')}${at(data.location, ', locatie:')}.`,
        fr: `Invitation à la réunion de la CSIL-R le ${dateTime(s('scheduledAt'), 'fr-BE')}${at(data.location, ', lieu :')}.`,
      };
    case 'meeting.cancelled':
      return {
        nl: `Het overleg van het kernteam (LIVC-R) op ${dateTime(s('scheduledAt'), 'nl-BE')} is geannuleerd.`,
        fr: `La réunion de la CSIL-R du ${dateTime(s('scheduledAt'), 'fr-BE')} est annulée.`,
      };
    case 'agreement.due':
      return {
        nl: `Een afspraak waarvoor uw organisatie verantwoordelijk is, vervalt op ${date(s('dueOn'), 'nl-BE')}.`,
        fr: `Un accord dont votre organisation est responsable arrive à échéance le ${date(s('dueOn'), 'fr-BE')}.`,
      };
    case 'agreement.overdue':
      return {
        nl: `Een afspraak waarvoor uw organisatie verantwoordelijk is, is over tijd (vervaldag ${date(s('dueOn'), 'nl-BE')}).`,
        fr: `Un accord dont votre organisation est responsable est en retard (échéance le ${date(s('dueOn'), 'fr-BE')}).`,
      };
    case 'feedback.approval_requested':
      return {
        nl: 'Een terugkoppelingsfiche aan de politie wacht op de goedkeuring van uw organisatie.',
        fr: 'Une fiche de retour à la police attend l\'approbation de votre organisation.',
      };
    case 'feedback.approved':
      return {
        nl: 'Een terugkoppelingsfiche aan de politie is goedgekeurd door alle partners die aan het overleg deelnamen.',
        fr: 'Une fiche de retour à la police a été approuvée par tous les partenaires ayant participé à la concertation.',
      };
    case 'user.role_granted':
      return {
        nl: `Een account kreeg de rol ${roleName(s('role'), 'nl')}, die dossiers of het auditspoor kan inzien.`,
        fr: `Un compte a reçu le rôle ${roleName(s('role'), 'fr')}, qui donne accès aux dossiers ou à la piste d'audit.`,
      };
    case 'user.password_reset':
      return {
        nl: `Het wachtwoord van een account met de rol ${roleName(s('role'), 'nl')} werd opnieuw ingesteld (eenmalige link).`,
        fr: `Le mot de passe d'un compte avec le rôle ${roleName(s('role'), 'fr')} a été réinitialisé (lien à usage unique).`,
      };
    case 'user.second_factor_reset':
      return {
        nl: `De tweestapsverificatie van een account met de rol ${roleName(s('role'), 'nl')} werd door een beheerder uitgeschakeld.`,
        fr: `La vérification en deux étapes d'un compte avec le rôle ${roleName(s('role'), 'fr')} a été désactivée par un administrateur.`,
      };
    case 'grant.requested':
      return {
        nl: `${grantKind(s('kind'), 'nl')} (rol ${roleName(s('role'), 'nl')}) wacht op de goedkeuring van een tweede persoon.`,
        fr: `${grantKind(s('kind'), 'fr')} (rôle ${roleName(s('role'), 'fr')}) attend l'approbation d'une deuxième personne.`,
      };
    case 'grant.decided':
      return s('state') === 'APPROVED'
        ? { nl: `Uw aanvraag werd goedgekeurd: ${grantKind(s('kind'), 'nl').toLowerCase()} (rol ${roleName(s('role'), 'nl')}).`, fr: `Votre demande a été approuvée : ${grantKind(s('kind'), 'fr').toLowerCase()} (rôle ${roleName(s('role'), 'fr')}).` }
        : { nl: `Uw aanvraag werd geweigerd: ${grantKind(s('kind'), 'nl').toLowerCase()} (rol ${roleName(s('role'), 'nl')}).`, fr: `Votre demande a été refusée : ${grantKind(s('kind'), 'fr').toLowerCase()} (rôle ${roleName(s('role'), 'fr')}).` };
    case 'transfer.proposed':
      return {
        nl: 'Een ander LIVC stelt voor een dossier aan uw LIVC over te dragen (verhuis): het wacht op uw beslissing.',
        fr: 'Une autre CSIL propose de transférer un dossier à votre CSIL (déménagement) : il attend votre décision.',
      };
    case 'transfer.decided':
      return s('decision') === 'ACCEPT'
        ? { nl: 'Het LIVC waaraan u een dossier wou overdragen, heeft de overdracht aanvaard; uw dossier is afgesloten (OVERGEDRAGEN).', fr: 'La CSIL à laquelle vous vouliez transférer un dossier a accepté le transfert ; votre dossier est clôturé (OVERGEDRAGEN).' }
        : { nl: 'Het LIVC waaraan u een dossier wou overdragen, heeft de overdracht geweigerd; uw dossier blijft open.', fr: 'La CSIL à laquelle vous vouliez transférer un dossier a refusé le transfert ; votre dossier reste ouvert.' };
    case 'transfer.withdrawn':
      return {
        nl: 'Een voorstel van overdracht aan uw LIVC werd ingetrokken door het LIVC dat het deed.',
        fr: 'Une proposition de transfert à votre CSIL a été retirée par la CSIL qui l\'avait faite.',
      };
    default:
      if (kind === 'AUDIT_CHAIN_BROKEN') {
        return {
          nl: `De nachtelijke controle vond een breuk in het auditspoor (vanaf volgnummer ${s('brokenAt')}).`,
          fr: `Le contrôle nocturne a détecté une rupture dans la piste d'audit (à partir du numéro ${s('brokenAt')}).`,
        };
      }
      return { nl: 'Nieuwe melding.', fr: 'Nouvelle notification.' };
  }
}

const ROLE_NAMES: Record<string, { nl: string; fr: string }> = {
  admin: { nl: 'beheerder', fr: 'administrateur' },
  chair: { nl: 'voorzitter', fr: 'président' },
  casemanager: { nl: 'casemanager', fr: 'case manager' },
  member: { nl: 'partnerlid', fr: 'membre partenaire' },
  evaluator: { nl: 'evaluator', fr: 'évaluateur' },
  auditor: { nl: 'auditor', fr: 'auditeur' },
};
const roleName = (role: string, lang: 'nl' | 'fr') => ROLE_NAMES[role]?.[lang] ?? role;

export interface MailText {
  subject: string;
  text: string;
}

const footer = {
  nl: 'Dit bericht bevat bewust geen inhoud. Meld u aan in Kernteam om de details te zien.',
  fr: 'Ce message ne contient volontairement aucun contenu. Connectez-vous à Kernteam pour voir les détails.',
};

/** The invitation e-mail: date, place and link only. */
export function invitationMail(m: { scheduledAt: string; location: string | null; link: string }): MailText {
  const where = (prefix: string) => (m.location?.trim() ? `\n${prefix} ${m.location.trim()}` : '');
  return {
    subject: 'Uitnodiging: overleg kernteam (LIVC-R) / Invitation : réunion de la CSIL-R',
    text: [
      'NL',
      `U bent uitgenodigd voor het overleg van het kernteam (LIVC-R) op ${dateTime(m.scheduledAt, 'nl-BE')}.${where('Locatie:')}`,
      `Agenda en voorbereiding: ${m.link}`,
      footer.nl,
      '',
      'FR',
      `Vous êtes invité(e) à la réunion de la CSIL-R le ${dateTime(m.scheduledAt, 'fr-BE')}.${where('Lieu :')}`,
      `Ordre du jour et préparation : ${m.link}`,
      footer.fr,
      '',
    ].join('\n'),
  };
}

export const INVITATION_SUMMARY = 'Overleg kernteam (LIVC-R) / Réunion de la CSIL-R';

/** The cancellation e-mail of a meeting whose invitation was sent. */
export function cancellationMail(m: { scheduledAt: string; link: string }): MailText {
  return {
    subject: 'Geannuleerd: overleg kernteam (LIVC-R) / Annulé : réunion de la CSIL-R',
    text: [
      'NL',
      `Het overleg van het kernteam (LIVC-R) op ${dateTime(m.scheduledAt, 'nl-BE')} gaat niet door.`,
      m.link,
      '',
      'FR',
      `La réunion de la CSIL-R du ${dateTime(m.scheduledAt, 'fr-BE')} n'aura pas lieu.`,
      m.link,
      '',
    ].join('\n'),
  };
}

/** The reminder e-mail of an agreement that is due soon or overdue: its due date and a link, no description. */
export function reminderMail(r: { dueOn: string; overdue: boolean; link: string }): MailText {
  return {
    subject: r.overdue
      ? 'Afspraak over tijd / Accord en retard'
      : 'Herinnering: afspraak vervalt binnenkort / Rappel : accord bientôt à échéance',
    text: [
      'NL',
      r.overdue
        ? `Een afspraak waarvoor uw organisatie verantwoordelijk is, is over tijd (vervaldag ${date(r.dueOn, 'nl-BE')}).`
        : `Een afspraak waarvoor uw organisatie verantwoordelijk is, vervalt op ${date(r.dueOn, 'nl-BE')}.`,
      `Opvolging: ${r.link}`,
      footer.nl,
      '',
      'FR',
      r.overdue
        ? `Un accord dont votre organisation est responsable est en retard (échéance le ${date(r.dueOn, 'fr-BE')}).`
        : `Un accord dont votre organisation est responsable arrive à échéance le ${date(r.dueOn, 'fr-BE')}.`,
      `Suivi : ${r.link}`,
      footer.fr,
      '',
    ].join('\n'),
  };
}

/** Tells the receiving LIVC's casemanagers that a transfer proposal waits: a link, nothing of its content. */
export function transferProposedMail(r: { link: string }): MailText {
  return {
    subject: 'Voorstel van overdracht van een dossier / Proposition de transfert d\'un dossier',
    text: [
      'NL',
      'Een ander LIVC stelt voor een dossier aan uw LIVC over te dragen (verhuis). U leest het voorstel en beslist in Kernteam.',
      `Voorstel: ${r.link}`,
      footer.nl,
      '',
      'FR',
      'Une autre CSIL propose de transférer un dossier à votre CSIL (déménagement). Vous lisez la proposition et décidez dans Kernteam.',
      `Proposition : ${r.link}`,
      footer.fr,
      '',
    ].join('\n'),
  };
}

/** Asks a partner's members to approve (or reject) a submitted feedback sheet: a link, nothing of its content. */
export function approvalRequestMail(r: { link: string }): MailText {
  return {
    subject: 'Terugkoppelingsfiche ter goedkeuring / Fiche de retour à approuver',
    text: [
      'NL',
      'Een terugkoppelingsfiche aan de politie wacht op de goedkeuring van uw organisatie. Ze wordt pas bezorgd wanneer alle',
      'partners die aan het overleg deelnamen, akkoord gaan.',
      `Fiche: ${r.link}`,
      footer.nl,
      '',
      'FR',
      'Une fiche de retour à la police attend l\'approbation de votre organisation. Elle n\'est transmise que lorsque tous',
      'les partenaires ayant participé à la concertation l\'ont approuvée.',
      `Fiche : ${r.link}`,
      footer.fr,
      '',
    ].join('\n'),
  };
}

/** An invitation to choose a first password, or a password reset: the one-time link and its expiry, nothing else. */
export function accountLinkMail(m: { purpose: 'INVITATION' | 'RESET'; link: string; expiresAt: string }): MailText {
  const invite = m.purpose === 'INVITATION';
  return {
    subject: invite ? 'Uw account in Kernteam / Votre compte dans Kernteam' : 'Nieuw wachtwoord voor Kernteam / Nouveau mot de passe pour Kernteam',
    text: [
      'NL',
      invite ? 'Er werd een account voor u aangemaakt in Kernteam. Kies uw wachtwoord via deze link:' : 'Er werd een nieuw wachtwoord voor uw account in Kernteam aangevraagd. Kies het via deze link:',
      m.link,
      `De link werkt één keer, tot ${dateTime(m.expiresAt, 'nl-BE')}. Hebt u dit niet verwacht? Neem contact op met de beheerder.`,
      '',
      'FR',
      invite ? 'Un compte a été créé pour vous dans Kernteam. Choisissez votre mot de passe via ce lien :' : 'Un nouveau mot de passe a été demandé pour votre compte dans Kernteam. Choisissez-le via ce lien :',
      m.link,
      `Le lien ne fonctionne qu'une fois, jusqu'au ${dateTime(m.expiresAt, 'fr-BE')}. Vous ne vous y attendiez pas ? Contactez l'administrateur.`,
      '',
    ].join('\n'),
  };
}

/** What a grant request asks, as the start of a sentence. */
function grantKind(kind: string, lang: 'nl' | 'fr'): string {
  const names: Record<string, { nl: string; fr: string }> = {
    ROLE_GRANT: { nl: 'Het toekennen van een rol', fr: "L'attribution d'un rôle" },
    PASSWORD_RESET: { nl: 'Het opnieuw instellen van een wachtwoord', fr: "La réinitialisation d'un mot de passe" },
    TOTP_RESET: { nl: 'Het uitschakelen van een tweestapsverificatie', fr: "La désactivation d'une vérification en deux étapes" },
  };
  return (names[kind] ?? { nl: 'Een wijziging', fr: 'Une modification' })[lang];
}
