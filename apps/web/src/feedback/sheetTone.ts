import type { Tone } from '../ui/Badge';

/** The badge tone of a feedback sheet's state (the label and a symbol say it too, never the colour alone). */
export const SHEET_TONE: Record<string, Tone> = { CONCEPT: 'neutral', TER_GOEDKEURING: 'info', GOEDGEKEURD: 'ok', AFGEWEZEN: 'danger' };
