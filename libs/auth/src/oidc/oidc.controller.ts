import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { Actor, AuthenticatedRequest, CurrentActor, Public } from '@kernteam/access';
import { ApiProblems, unauthenticated } from '@kernteam/http';
import { AuthService } from '../auth.service';
import { SESSION_EXPIRES_HEADER } from '../auth.guard';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../session-cookie';
import { OidcLogoutView, ProvidersQuery, SignInProviderView } from './identity-provider.dto';
import { isPersonRefusal, OidcRefused, OidcService, TRANSACTION_SECONDS } from './oidc.service';

/** The sign-in transaction cookie: SameSite=Lax, because the provider's redirect back is a cross-site navigation. */
const txCookieName = (req: Request) => (req.secure ? '__Host-kernteam_oidc' : 'kernteam_oidc');
const txCookieOptions = (req: Request): CookieOptions => ({ httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined; // not a value this app wrote: no sign-in in progress
    }
  }
  return undefined;
}

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService, private readonly auth: AuthService) {}

  @Public()
  @Get('providers')
  @ApiOperation({
    summary: 'The sign-in buttons of the login page: the active identity providers of one LIVC (display names only).',
    description: 'Without `tenant`: the providers when only one LIVC of the deployment has any, else none (the login URL of each LIVC then names it with `?tenant=`; no LIVC names are shown to anyone who asks).',
  })
  @ApiOkResponse({ type: [SignInProviderView] })
  @ApiProblems(400)
  providers(@Query() q: ProvidersQuery): Promise<SignInProviderView[]> {
    return this.oidc.signInProviders(q.tenant);
  }

  @Public()
  @Get(':providerId/start')
  @ApiOperation({ summary: 'Starts the sign-in at an identity provider: 302 to its authorization endpoint (code flow with PKCE, state and nonce).' })
  @ApiQuery({ name: 'redirect', required: false, description: 'A path of this site to land on after the sign-in (anything else: `/`).' })
  @ApiResponse({ status: 302, description: 'To the provider; an unknown or inactive provider, or one that cannot be reached: to `/login?reason=oidc-failed`.' })
  async start(@Param('providerId') providerId: string, @Query('redirect') redirect: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const started = await this.oidc.start(providerId, redirect).catch(() => null);
    if (!started) return res.redirect(302, '/login?reason=oidc-failed');
    res.cookie(txCookieName(req), started.transaction, { ...txCookieOptions(req), maxAge: TRANSACTION_SECONDS * 1000 });
    res.redirect(302, started.url);
  }

  @Public()
  @Get('callback')
  @ApiOperation({
    summary: "The provider's redirect back: exchanges the code and starts a browser session like POST /api/auth/session.",
    description: 'The person is matched to a user of the provider\'s LIVC by the provider subject stored at an earlier sign-in, the first time by a verified '
      + 'e-mail address (`email_verified` true). No account is ever created here. Every outcome is audited (`auth.login`, `via: oidc`).',
  })
  @ApiResponse({
    status: 302,
    description: 'Signed in: to the `redirect` of the start. A user with a second factor the provider did not check (its ID token\'s `amr`): '
      + '`/login?redirect=…#challenge=…`, no session yet; the login page completes it with `POST /api/auth/session/totp`. A person without a usable account (unknown, unverified address, inactive user or partner): '
      + '`/login?reason=oidc-refused`. A failed exchange (state, nonce, token, provider error): `/login?reason=oidc-failed`.',
  })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    const sealed = readCookie(req, txCookieName(req));
    res.clearCookie(txCookieName(req), txCookieOptions(req));
    try {
      const done = await this.oidc.callback(query, sealed, req.ip ?? 'unknown', readSessionCookie(req), req.header('user-agent') ?? null);
      if ('challenge' in done) {
        // In the fragment: a browser sends it to no server and in no Referer; the login page reads it and asks the code.
        res.redirect(302, `/login?${new URLSearchParams({ redirect: done.redirect })}#challenge=${done.challenge}`);
        return;
      }
      setSessionCookie(req, res, done.sessionId);
      res.setHeader(SESSION_EXPIRES_HEADER, done.expiresAt.toISOString());
      res.redirect(302, done.redirect);
    } catch (e) {
      if (!(e instanceof OidcRefused)) throw e;
      res.redirect(302, `/login?reason=${isPersonRefusal(e.reason) ? 'oidc-refused' : 'oidc-failed'}`);
    }
  }

  @Post('logout')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({
    summary: 'Signs out like DELETE /api/auth/session (needs X-CSRF-Token) and says where the browser goes next.',
    description: "A session signed in through a provider with end-session support continues at the provider's RP-initiated logout, which returns to `/login`.",
  })
  @ApiOkResponse({ type: OidcLogoutView })
  @ApiProblems(401, 403)
  async logout(@CurrentActor() actor: Actor, @Req() req: Request & AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<OidcLogoutView> {
    if (!req.session) throw unauthenticated('This request has no browser session (it was signed with a Bearer token).');
    const redirectTo = await this.oidc.logoutTarget(req.session.id);
    await this.auth.endSession(actor, req.session.id);
    clearSessionCookie(req, res);
    res.removeHeader(SESSION_EXPIRES_HEADER);
    return { redirectTo };
  }
}
