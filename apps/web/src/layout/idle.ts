/** When to warn (a minute before the end, or at once if less is left) and when the session is over, in ms from now. */
export function warningDelay(expiresAtIso: string, nowMs: number, warnBeforeMs = 60_000) {
  const left = Date.parse(expiresAtIso) - nowMs;
  return { warnIn: Math.max(0, left - warnBeforeMs), expireIn: Math.max(0, left) };
}
