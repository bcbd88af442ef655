import { defineMessages } from '../i18n/messages';

/** Four-eyes approval of grants of watched roles and resets of such accounts (tenant setting). */
export const grantRequestMessages = defineMessages({
  title: { id: 'grantRequests.title', defaultMessage: "Wacht op goedkeuring" },
  none: { id: 'grantRequests.none', defaultMessage: "Geen aanvragen die op goedkeuring wachten." },
  kindROLE_GRANT: { id: 'grantRequests.kind.ROLE_GRANT', defaultMessage: "Rol {role} toekennen aan {name}" },
  kindPASSWORD_RESET: { id: 'grantRequests.kind.PASSWORD_RESET', defaultMessage: "Wachtwoord van {name} opnieuw instellen" },
  kindTOTP_RESET: { id: 'grantRequests.kind.TOTP_RESET', defaultMessage: "Tweestapsverificatie van {name} uitschakelen" },
  newUser: { id: 'grantRequests.newUser', defaultMessage: "nieuwe gebruiker" },
  requestedBy: { id: 'grantRequests.requestedBy', defaultMessage: "Gevraagd door {name} op {date}" },
  ownRequest: { id: 'grantRequests.ownRequest', defaultMessage: "Uw eigen aanvraag: een tweede persoon keurt ze goed." },
  approve: { id: 'grantRequests.approve', defaultMessage: "Goedkeuren" },
  reject: { id: 'grantRequests.reject', defaultMessage: "Weigeren" },
  rejectTitle: { id: 'grantRequests.rejectTitle', defaultMessage: "Aanvraag weigeren" },
  reason: { id: 'grantRequests.reason', defaultMessage: "Reden" },
  approvedTitle: { id: 'grantRequests.approvedTitle', defaultMessage: "Goedgekeurd" },
  approvedText: { id: 'grantRequests.approvedText', defaultMessage: "De wijziging is doorgevoerd." },
  needsApproval: { id: 'grantRequests.needsApproval', defaultMessage: "Deze wijziging vraagt de goedkeuring van een tweede persoon (een andere beheerder of de voorzitter)." },
  pendingTitle: { id: 'grantRequests.pendingTitle', defaultMessage: "Wacht op goedkeuring" },
  pendingText: { id: 'grantRequests.pendingText', defaultMessage: "Er is nog niets gewijzigd. Een andere beheerder of de voorzitter keurt de aanvraag goed of weigert ze; pas dan wordt ze doorgevoerd en krijgt u eventueel de link." },
  setting: { id: 'grantRequests.setting', defaultMessage: "Toekenningen vragen de goedkeuring van een tweede persoon" },
  settingHint: { id: 'grantRequests.settingHint', defaultMessage: "Een rol casemanager, voorzitter, partnerlid of auditor toekennen, zo'n account opnieuw activeren, of het wachtwoord of de tweestapsverificatie ervan opnieuw instellen, wacht dan op de goedkeuring van een andere beheerder of de voorzitter." },
});
