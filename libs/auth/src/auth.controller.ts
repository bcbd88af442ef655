import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, AllowedDuringEnrolment, AuthenticatedRequest, CurrentActor, Public, RequestSession } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { ApiProblems, IdPipe, notFound, Problem, unauthenticated } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { SignedInUserView } from '@kernteam/users';
import { AccountLinksService, ChangePasswordDto, RedeemLinkDto, UpdateMeDto, User } from '@kernteam/users';
import { DisableTotpDto, EndedSessionsView, LoginDto, MySessionView, SecondStepDto, SessionView, TotpCodeDto } from './auth.dto';
import { AuthService, LoginResult, SessionStart, signedInUser } from './auth.service';
import { SESSION_EXPIRES_HEADER } from './auth.guard';
import { RestrictedRequest } from './mfa.decorators';
import { MfaService, RecoveryCodesView, TotpEnrolmentView, TotpStatusView } from './mfa.service';
import { clearSessionCookie, readSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie';
import { SessionService } from './session.service';
import { userAgentSummary } from './user-agent';

type SessionRequest = Request & AuthenticatedRequest & RestrictedRequest;

const MFA_STEP = 'The password is right and the user has a second factor: 401 `urn:kernteam:problem:mfa-required` with `mfaRequired: true`, '
  + '`challenge` and `challengeExpiresAt`; send the challenge with a code to the matching `/totp` route. Otherwise wrong credentials.';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService, private readonly sessions: SessionService, private readonly db: TenantDb, private readonly links: AccountLinksService,
    private readonly mfa: MfaService, private readonly audit: AuditService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResult })
  @ApiProblems(400, 429, { 401: MFA_STEP, 409: 'The address has an account in several LIVCs: `tenants` lists them (after the password matched); sign in again with `tenantId`.' })
  login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    return withRetryAfter(res, () => this.auth.login(dto.email, dto.password, req.ip ?? 'unknown', dto.tenantId));
  }

  @Public()
  @Post('auth/login/totp')
  @HttpCode(200)
  @ApiOperation({ summary: 'Second step of a bearer sign-in: the challenge with a code of the app or a recovery code.', description: 'A wrong code is 401 with a field error and counts in the sign-in throttle (429).' })
  @ApiOkResponse({ type: LoginResult })
  @ApiProblems(400, 401, 429)
  loginTotp(@Body() dto: SecondStepDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    return withRetryAfter(res, () => this.auth.loginSecondStep({ challenge: dto.challenge, proof: { code: dto.code, recoveryCode: dto.recoveryCode } }, req.ip ?? 'unknown'));
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
  @ApiProblems(400, 429, { 401: MFA_STEP, 409: 'The address has an account in several LIVCs: `tenants` lists them (after the password matched); sign in again with `tenantId`.' })
  async startSession(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const started = await withRetryAfter(res, () => this.auth.startSession(dto.email, dto.password, origin(req), readSessionCookie(req), dto.tenantId));
    return this.started(req, res, started);
  }

  @Public()
  @Post('auth/session/totp')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Second step of a browser sign-in: the challenge with a code of the app or a recovery code; sets the session cookie.',
    description: 'A wrong code is 401 with a field error (`code` or `recoveryCode`) and counts in the sign-in throttle (429). An expired or used challenge is 401 `mfa-challenge-expired`.',
  })
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 429)
  async sessionTotp(@Body() dto: SecondStepDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const started = await withRetryAfter(res, () =>
      this.auth.sessionSecondStep({ challenge: dto.challenge, proof: { code: dto.code, recoveryCode: dto.recoveryCode } }, origin(req), readSessionCookie(req)));
    return this.started(req, res, started);
  }

  @Get('auth/session')
  @AllowedDuringEnrolment()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The current browser session (after a reload: the user and the CSRF token again); counts as activity.' })
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(401)
  async session(@CurrentActor() actor: Actor, @Req() req: SessionRequest): Promise<SessionView> {
    const session = this.browserSession(req);
    // The guard found the session by this cookie, so it is there; the token is derived from it, never stored.
    return this.view(await this.user(actor), { csrfToken: this.sessions.csrfToken(readSessionCookie(req)!), expiresAt: session.expiresAt, restricted: !!req.restriction });
  }

  @Delete('auth/session')
  @AllowedDuringEnrolment()
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
  @AllowedDuringEnrolment()
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

  @Get('me/sessions')
  @ApiOperation({ summary: 'My live browser sessions (newest first), the one of this request flagged `current`.' })
  @ApiOkResponse({ type: [MySessionView] })
  @ApiProblems(401)
  async mySessions(@CurrentActor() actor: Actor, @Req() req: SessionRequest): Promise<MySessionView[]> {
    const rows = await this.db.tx(actor, (em) => this.sessions.listLive(em, actor.id, req.session?.id));
    return rows.map((r) => ({
      id: r.id, createdAt: r.createdAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(), expiresAt: r.expiresAt.toISOString(),
      userAgent: userAgentSummary(r.userAgent), ip: r.ip, current: r.current,
    }));
  }

  @Delete('me/sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Signs out one of my sessions (the row id from GET /api/me/sessions); audited.' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  async endMySession(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Req() req: SessionRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.db.tx(actor, async (em) => {
      const ended = await this.sessions.endOfUser(em, actor.id, 'revoked', { only: id });
      if (!ended) throw notFound('session');
      await this.audit.record(em, actor, 'auth.session.revoke', { type: 'User', id: actor.id }, { current: id === req.session?.id });
    });
    if (id === req.session?.id) clearSessionCookie(req, res);
  }

  @Post('me/sessions/revoke-others')
  @HttpCode(200)
  @ApiOperation({ summary: 'Signs out everywhere else: every live session of mine but the one of this request; audited.' })
  @ApiOkResponse({ type: EndedSessionsView })
  @ApiProblems(401, 403)
  async endMyOtherSessions(@CurrentActor() actor: Actor, @Req() req: SessionRequest): Promise<EndedSessionsView> {
    return this.db.tx(actor, async (em) => {
      const endedSessions = await this.sessions.endOfUser(em, actor.id, 'revoked', { keep: req.session?.id });
      await this.audit.record(em, actor, 'auth.session.revoke-others', { type: 'User', id: actor.id }, { ended: endedSessions });
      return { endedSessions };
    });
  }

  @Get('me/totp')
  @AllowedDuringEnrolment()
  @ApiOperation({ summary: 'Whether my two-step verification is on, required for my role, and how many recovery codes are left.' })
  @ApiOkResponse({ type: TotpStatusView })
  @ApiProblems(401)
  totpStatus(@CurrentActor() actor: Actor): Promise<TotpStatusView> {
    return this.mfa.status(actor);
  }

  @Post('me/totp/enrol')
  @HttpCode(200)
  @AllowedDuringEnrolment()
  @ApiOperation({ summary: 'Starts enrolling an authenticator app: a new secret, its otpauth URI and QR code (SVG). Nothing changes until confirmed.' })
  @ApiOkResponse({ type: TotpEnrolmentView })
  @ApiProblems(401, 403, 409)
  totpEnrol(@CurrentActor() actor: Actor): Promise<TotpEnrolmentView> {
    return this.mfa.enrol(actor);
  }

  @Post('me/totp/confirm')
  @HttpCode(200)
  @AllowedDuringEnrolment()
  @ApiOperation({ summary: 'Turns two-step verification on with a code of the app; answers the ten recovery codes, once.', description: 'Lifts the enrolment restriction of this browser session.' })
  @ApiOkResponse({ type: RecoveryCodesView })
  @ApiProblems(400, 401, 403, 409, 422)
  totpConfirm(@CurrentActor() actor: Actor, @Req() req: SessionRequest, @Body() dto: TotpCodeDto): Promise<RecoveryCodesView> {
    return this.mfa.confirm(actor, dto.code, req.session?.id);
  }

  @Post('me/totp/disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turns two-step verification off with the current password and a code; refused (422) when the tenant requires it for my role.' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 429, { 422: 'Wrong current password (field `currentPassword`), not on, or required for my role.' })
  async totpDisable(@CurrentActor() actor: Actor, @Body() dto: DisableTotpDto, @Res({ passthrough: true }) res: Response): Promise<void> {
    await withRetryAfter(res, () => this.auth.disableTotp(actor, dto.currentPassword, dto.code));
  }

  private started(req: Request, res: Response, started: SessionStart): SessionView {
    setSessionCookie(req, res, started.sessionId);
    res.setHeader(SESSION_EXPIRES_HEADER, started.expiresAt.toISOString());
    return this.view(started.user, { csrfToken: started.csrfToken, expiresAt: started.expiresAt, restricted: started.restriction === 'mfa-enrolment' });
  }

  private async user(actor: Actor): Promise<SignedInUserView> {
    return signedInUser(await this.db.tx(actor, (em) => em.getRepository(User).findOneByOrFail({ id: actor.id })));
  }

  private browserSession(req: SessionRequest): RequestSession {
    if (!req.session) throw unauthenticated('This request has no browser session (it was signed with a Bearer token).');
    return req.session;
  }

  private view(user: SignedInUserView, session: { csrfToken: string; expiresAt: Date; restricted: boolean }): SessionView {
    return {
      user, csrfToken: session.csrfToken, idleTimeoutSeconds: this.sessions.idleSeconds, expiresAt: session.expiresAt.toISOString(), mfaEnrolmentRequired: session.restricted,
    };
  }
}

const origin = (req: Request) => ({ ip: req.ip ?? 'unknown', userAgent: req.header('user-agent') ?? null });

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
