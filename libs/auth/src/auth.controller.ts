import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, AuthenticatedRequest, CurrentActor, Public, RequestSession } from '@kernteam/access';
import { ApiProblems, Problem, unauthenticated } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { SignedInUserView } from '@kernteam/users';
import { AccountLinksService, ChangePasswordDto, RedeemLinkDto, UpdateMeDto, User } from '@kernteam/users';
import { LoginDto, SessionView } from './auth.dto';
import { AuthService, LoginResult, signedInUser } from './auth.service';
import { SESSION_EXPIRES_HEADER } from './auth.guard';
import { clearSessionCookie, readSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie';
import { SessionService } from './session.service';

type SessionRequest = Request & AuthenticatedRequest;

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService, private readonly sessions: SessionService, private readonly db: TenantDb, private readonly links: AccountLinksService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResult })
  @ApiProblems(400, 401, 429, { 409: 'The address has an account in several LIVCs: `tenants` lists them (after the password matched); sign in again with `tenantId`.' })
  login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    return withRetryAfter(res, () => this.auth.login(dto.email, dto.password, req.ip ?? 'unknown', dto.tenantId));
  }

  @Public()
  @Post('auth/session')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Browser sign-in: sets the HttpOnly session cookie and returns the CSRF token.',
    description: `Same credential check, throttling (429 with Retry-After) and audit as POST /api/auth/login. The cookie is ${SESSION_COOKIE} `
      + `over http and __Host-${SESSION_COOKIE} (Secure) over https; HttpOnly, SameSite=Strict, Path=/, no Max-Age.`,
  })
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 429, { 409: 'The address has an account in several LIVCs: `tenants` lists them (after the password matched); sign in again with `tenantId`.' })
  async startSession(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const started = await withRetryAfter(res, () => this.auth.startSession(dto.email, dto.password, req.ip ?? 'unknown', readSessionCookie(req), dto.tenantId));
    setSessionCookie(req, res, started.sessionId);
    res.setHeader(SESSION_EXPIRES_HEADER, started.expiresAt.toISOString());
    return this.view(started.user, { csrfToken: started.csrfToken, expiresAt: started.expiresAt });
  }

  @Get('auth/session')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The current browser session (after a reload: the user and the CSRF token again); counts as activity.' })
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(401)
  async session(@CurrentActor() actor: Actor, @Req() req: SessionRequest): Promise<SessionView> {
    const session = this.browserSession(req);
    // The guard found the session by this cookie, so it is there; the token is derived from it, never stored.
    return this.view(await this.user(actor), { csrfToken: this.sessions.csrfToken(readSessionCookie(req)!), expiresAt: session.expiresAt });
  }

  @Delete('auth/session')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Signs out: ends the browser session and clears its cookie (needs X-CSRF-Token).' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403)
  async endSession(@CurrentActor() actor: Actor, @Req() req: SessionRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const session = this.browserSession(req);
    await this.auth.endSession(actor, session.id);
    clearSessionCookie(req, res);
    res.removeHeader(SESSION_EXPIRES_HEADER);
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sets a password with a one-time link (invitation or reset).',
    description: 'Ends every browser session of the user and makes their earlier bearer tokens invalid. An unknown, used or expired token is one 400 answer (field `token`) that does not say which.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400)
  redeem(@Body() dto: RedeemLinkDto, @Req() req: Request): Promise<void> {
    return this.links.redeem(dto.token, dto.password, req.ip ?? null);
  }

  @Get('me')
  @ApiOkResponse({ type: SignedInUserView })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): Promise<SignedInUserView> {
    return this.user(actor);
  }

  @Patch('me')
  @ApiOperation({ summary: 'Stores my preferred UI language.' })
  @ApiOkResponse({ type: SignedInUserView })
  @ApiProblems(400, 401)
  async updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<SignedInUserView> {
    await this.auth.updateMe(actor, dto.language);
    return this.me(actor);
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Changes my own password.',
    description: 'Throttled like sign-in (429). Ends my other browser sessions and makes earlier bearer tokens invalid; the browser session of this request stays.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 429, { 422: 'The current password is not correct (field `currentPassword`).' })
  async changePassword(@CurrentActor() actor: Actor, @Req() req: SessionRequest, @Res({ passthrough: true }) res: Response, @Body() dto: ChangePasswordDto): Promise<void> {
    await withRetryAfter(res, () => this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, req.session?.id));
  }

  private async user(actor: Actor): Promise<SignedInUserView> {
    return signedInUser(await this.db.tx(actor, (em) => em.getRepository(User).findOneByOrFail({ id: actor.id })));
  }

  private browserSession(req: SessionRequest): RequestSession {
    if (!req.session) throw unauthenticated('This request has no browser session (it was signed with a Bearer token).');
    return req.session;
  }

  private view(user: SignedInUserView, session: { csrfToken: string; expiresAt: Date }): SessionView {
    return { user, csrfToken: session.csrfToken, idleTimeoutSeconds: this.sessions.idleSeconds, expiresAt: session.expiresAt.toISOString() };
  }
}

/** A throttled sign-in tells the client when to try again. */
async function withRetryAfter<T>(res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const retryAfter = (e as { retryAfter?: number }).retryAfter;
    if (e instanceof Problem && retryAfter) res.setHeader('Retry-After', String(retryAfter));
    throw e;
  }
}
