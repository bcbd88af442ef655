import type { CookieOptions, Request, Response } from 'express';

/** Over https the `__Host-` prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/. */
export const SESSION_COOKIE = 'kernteam_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** `req.secure` follows X-Forwarded-Proto only when TRUST_PROXY is set. */
export const sessionCookieName = (req: Request): string => (req.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

const options = (req: Request): CookieOptions => ({ httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });

/** Session ids are 32 random bytes, base64url: anything else in the cookie is not one of ours. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The session id from the request's cookie of this scheme (the plain name is not accepted over https). */
export function readSessionCookie(req: Request): string | undefined {
  const name = sessionCookieName(req);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    if (SESSION_ID.test(value)) return value;
  }
  return undefined;
}

/** A session cookie without Max-Age: it ends with the browser; the server ends it after the idle window. */
export const setSessionCookie = (req: Request, res: Response, sessionId: string): void => {
  res.cookie(sessionCookieName(req), sessionId, options(req));
};

export const clearSessionCookie = (req: Request, res: Response): void => {
  res.clearCookie(sessionCookieName(req), options(req));
};
