import type { MessageDescriptor } from 'react-intl';

/**
 * `defineMessages` with plain descriptors. react-intl 12's own version types each message's values from a catalogue
 * declaration this project does not keep; values are checked by the ICU compile of `npm run messages` instead.
 * The extractor finds messages by this function's name, so every message of the UI is still extracted.
 */
export function defineMessages<K extends string>(messages: Record<K, { id: string; defaultMessage: string; description?: string }>): Record<K, MessageDescriptor> {
  return messages;
}
