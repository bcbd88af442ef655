import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * The one Content-Security-Policy of the product: scripts, styles, fonts and connections from this origin only (no
 * inline script or style, no eval), images also as data: URIs, never framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** Swagger UI's page carries inline <style> blocks; only its path gets inline styles, scripts stay as strict. */
export const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
const DOCS_PATH = /^\/api\/docs(\/|$)/;

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=()';

/** Helmet's other defaults (nosniff, CORP, frame options, …) with the policies above; HSTS only on https requests. */
const helmetDefaults = helmet({
  contentSecurityPolicy: false,
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  xFrameOptions: { action: 'deny' },
});

/**
 * What those defaults set: the same headers on every answer, so they are worked out once (by running helmet against a
 * recorder) instead of through a dozen middlewares per request.
 */
const HELMET_HEADERS: readonly [string, string][] = (() => {
  const headers: [string, string][] = [];
  const recorder = { setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => undefined };
  helmetDefaults({ headers: {} } as Request, recorder as unknown as Response, () => undefined);
  return headers;
})();

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', DOCS_PATH.test(req.path) ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  // `req.secure` follows X-Forwarded-Proto only with TRUST_PROXY: HSTS over plain http would be ignored or wrong.
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  for (const [name, value] of HELMET_HEADERS) res.setHeader(name, value);
  next();
}

/** API answers are per user and may hold case data: never stored by a browser or a proxy. */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
