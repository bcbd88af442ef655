import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'info';
const SYMBOL: Record<Tone, string> = { neutral: '', ok: '✓', warn: '!', danger: '✕', info: 'i' };

/** A label with a tone. The tone also has a symbol, so nothing is told by colour alone. */
export function Badge({ tone = 'neutral', children, className, symbol = true }: { tone?: Tone; children: ReactNode; className?: string; symbol?: boolean }) {
  return (
    <span className={['badge', tone !== 'neutral' && tone, className].filter(Boolean).join(' ')}>
      {symbol && SYMBOL[tone] && <span aria-hidden="true">{SYMBOL[tone]}</span>}
      {children}
    </span>
  );
}
