/** Only a path of this site may be returned to after sign-in (no `//evil.example`, no `javascript:`). */
export function safeRedirect(target: string | undefined | null): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\') || target.startsWith('/login')) return '/';
  return target;
}
