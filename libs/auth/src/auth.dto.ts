import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SignedInUserView } from '@kernteam/users';

export class LoginDto {
  @ApiProperty({ example: 'casemanager@demo.kernteam.be' }) @IsString() @MinLength(1) @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The LIVC to sign in to, when the address has an account in several (see the 409 choose-tenant answer).' })
  @IsOptional() @IsUUID() tenantId?: string;
}

/** A browser session as the web UI sees it; the session id itself only travels in the HttpOnly cookie. */
export class SessionView {
  @ApiProperty({ type: SignedInUserView }) user: SignedInUserView;
  @ApiProperty({ description: 'Send as the X-CSRF-Token header on every POST, PUT, PATCH and DELETE made with the session cookie.' })
  csrfToken: string;
  @ApiProperty({ description: 'The session ends after this many seconds without a request (SESSION_IDLE_MINUTES).', example: 1800 })
  idleTimeoutSeconds: number;
  @ApiProperty({ format: 'date-time', description: 'When the session ends unless there is activity first, or at the latest SESSION_ABSOLUTE_HOURS after sign-in, whichever is earlier (also sent as the X-Session-Expires-At header).' })
  expiresAt: string;
  @ApiProperty({ description: 'The tenant requires a second factor for this role and none is set up: only the session, GET /api/me, GET /api/me/abilities and /api/me/totp/* answer until the enrolment is confirmed.' })
  mfaEnrolmentRequired: boolean;
}

/** The second sign-in step: the challenge of the `mfa-required` answer with either a code of the app or a recovery code. */
export class SecondStepDto {
  @ApiProperty({ description: 'The `challenge` of the 401 `urn:kernteam:problem:mfa-required` answer (valid 5 minutes, once).' })
  @IsString() @Length(1, 100) challenge: string;
  @ApiPropertyOptional({ example: '123456', description: 'A 6-digit code of the authenticator app; send this or `recoveryCode`.' })
  @ValidateIf((o) => o.recoveryCode === undefined) @IsString() @Matches(/^\s*\d{6}\s*$/, { message: 'code must be 6 digits' }) code?: string;
  @ApiPropertyOptional({ example: 'ABCDE-FGHJK', description: 'One of the recovery codes shown at enrolment (each works once).' })
  @ValidateIf((o) => o.code === undefined) @IsString() @Length(1, 40) recoveryCode?: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' }) @IsString() @Matches(/^\s*\d{6}\s*$/, { message: 'code must be 6 digits' }) code: string;
}

export class DisableTotpDto {
  @ApiProperty() @IsString() @Length(1, 200) currentPassword: string;
  @ApiProperty({ example: '123456' }) @IsString() @Matches(/^\s*\d{6}\s*$/, { message: 'code must be 6 digits' }) code: string;
}

/** One of my live browser sessions. `id` is the row's, never the cookie value. */
export class MySessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
  @ApiProperty({ format: 'date-time', description: 'The earlier of the idle and the absolute end.' }) expiresAt: string;
  @ApiProperty({ type: String, nullable: true, example: 'Firefox · Windows', description: 'Browser and system, from the user agent at sign-in.' }) userAgent: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The address the session was started from.' }) ip: string | null;
  @ApiProperty({ description: 'The session of this request.' }) current: boolean;
}

export class EndedSessionsView {
  @ApiProperty({ type: 'integer' }) endedSessions: number;
}
