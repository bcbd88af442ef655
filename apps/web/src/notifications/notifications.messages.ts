import { defineMessages } from '../i18n/messages';

export const notificationsMessages = defineMessages({
  button: { id: 'notifications.button', defaultMessage: '{count, plural, =0 {Meldingen, geen ongelezen} one {Meldingen, # ongelezen} other {Meldingen, # ongelezen}}' },
  title: { id: 'notifications.title', defaultMessage: 'Meldingen' },
  none: { id: 'notifications.none', defaultMessage: 'U hebt geen meldingen.' },
  markRead: { id: 'notifications.markRead', defaultMessage: 'Gelezen' },
  markReadOf: { id: 'notifications.markReadOf', defaultMessage: 'Melding van {date} als gelezen markeren' },
  markAllRead: { id: 'notifications.markAllRead', defaultMessage: 'Alles als gelezen markeren' },
  unread: { id: 'notifications.unread', defaultMessage: 'Ongelezen' },
});
