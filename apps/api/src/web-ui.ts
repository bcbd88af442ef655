import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { static as serveStatic } from 'express';
import { basename, extname, join } from 'node:path';

/**
 * Paths the API owns: never answered with the web UI (nor looked up on disk), whatever their shape, and in any case of
 * letters, as express finds its routes (`/API/me` is the API's).
 */
const isServerPath = (path: string) => {
  const p = path.toLowerCase();
  return p === '/api' || p.startsWith('/api/') || p === '/health' || p.startsWith('/health/');
};

const NOT_BUILT = 'The Kernteam web UI is not built. Run `npm run build:web`, then reload this page.\n';

/**
 * The built web UI (Vite output: `index.html` and hashed `assets/*`) at `/`. Assets are content-hashed, so they are
 * cached for a year as immutable; `index.html` is never cached, so a new release is picked up on the next load. A
 * page address of the single-page app (no file extension, a browser asking for HTML) gets `index.html` and the
 * client-side router takes it from there; everything else falls through to the API's 404.
 */
export function serveWebUi(app: NestExpressApplication, webDir: string): void {
  const index = join(webDir, 'index.html');
  app.useStaticAssets(join(webDir, 'assets'), {
    prefix: '/assets/', index: false, redirect: false, dotfiles: 'ignore', immutable: true, maxAge: '365d',
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    if (extname(req.path) !== '' || !req.accepts('html')) return next();
    res.sendFile(index, { cacheControl: false, headers: { 'Cache-Control': 'no-store' } }, (err?: NodeJS.ErrnoException) => {
      if (!err) return;
      if (err.code !== 'ENOENT' || res.headersSent) return next(err);
      res.status(503).type('text/plain; charset=utf-8').setHeader('Cache-Control', 'no-store');
      res.send(NOT_BUILT);
    });
  });
  // Other top-level files of the build (favicon, robots.txt, index.html asked for by name); the API's paths are
  // passed on untouched, without a look at the disk.
  const files = serveStatic(webDir, {
    index: false, redirect: false, dotfiles: 'ignore', maxAge: '1h',
    setHeaders: (res, path) => {
      if (basename(path) === 'index.html') res.setHeader('Cache-Control', 'no-store');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => (isServerPath(req.path) ? next() : files(req, res, next)));
}
