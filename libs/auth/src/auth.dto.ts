import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { SignedInUserView } from '@kernteam/users';

export class LoginDto {
  @ApiProperty({ example: 'casemanager@demo.kernteam.be' }) @IsString() @MinLength(1) @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password: string;
}

/** A browser session as the web UI sees it; the session id itself only travels in the HttpOnly cookie. */
export class SessionView {
  @ApiProperty({ type: SignedInUserView }) user: SignedInUserView;
  @ApiProperty({ description: 'Send as the X-CSRF-Token header on every POST, PUT, PATCH and DELETE made with the session cookie.' })
  csrfToken: string;
  @ApiProperty({ description: 'The session ends after this many seconds without a request (SESSION_IDLE_MINUTES).', example: 1800 })
  idleTimeoutSeconds: number;
  @ApiProperty({ format: 'date-time', description: 'When the session ends unless there is activity first (also sent as the X-Session-Expires-At header).' })
  expiresAt: string;
}
