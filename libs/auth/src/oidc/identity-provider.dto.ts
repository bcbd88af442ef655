import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';

export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

const SECRET_DOC = 'Write-only: the client secret, or for `private_key_jwt` the private JWK (JSON, with `kid` and `alg` RS256/PS256/ES256). '
  + 'Stored encrypted under a key derived from AUTH_SECRET; never returned.';

export class CreateIdentityProviderDto {
  @ApiProperty({ description: 'Shown on the sign-in button ("Aanmelden met …").' }) @IsString() @Length(1, 100) displayName: string;
  @ApiProperty({ description: 'The issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0 or https://<host>/realms/<realm>. https; http only on loopback.' })
  @IsString() @Length(1, 500) issuer: string;
  @ApiProperty() @IsString() @Length(1, 300) clientId: string;
  @ApiProperty({ enum: CLIENT_AUTH_METHODS }) @IsIn(CLIENT_AUTH_METHODS) clientAuth: ClientAuthMethod;
  @ApiProperty({ description: SECRET_DOC, writeOnly: true }) @IsString() @Length(1, 20000) secret: string;
  @ApiPropertyOptional({ description: "Sign-out also signs out at the provider (its end_session_endpoint), when it has one. Default true." })
  @IsOptional() @IsBoolean() endSession?: boolean;
  @ApiPropertyOptional({ description: 'Default true; an inactive provider is not offered and refuses sign-ins.' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateIdentityProviderDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) issuer?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) clientId?: string;
  @ApiPropertyOptional({ enum: CLIENT_AUTH_METHODS }) @IsOptional() @IsIn(CLIENT_AUTH_METHODS) clientAuth?: ClientAuthMethod;
  @ApiPropertyOptional({ description: `${SECRET_DOC} Omitted: the stored one stays (required when clientAuth changes between secret and key).`, writeOnly: true })
  @IsOptional() @IsString() @Length(1, 20000) secret?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() endSession?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

/** An identity provider as the admin sees it: never its secret. */
export class IdentityProviderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() issuer: string;
  @ApiProperty() clientId: string;
  @ApiProperty({ enum: CLIENT_AUTH_METHODS }) clientAuth: ClientAuthMethod;
  @ApiProperty() endSession: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ description: 'The redirect URI to register at the provider.' }) redirectUri: string;
  @ApiProperty({ description: 'The post-logout redirect URI to register at the provider.' }) postLogoutRedirectUri: string;
}

/** A sign-in button of the login page. */
export class SignInProviderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'Navigate the browser here (add `?redirect=<path>`).' }) startUrl: string;
}

export class ProvidersQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The LIVC whose providers to list; without it, the providers when only one LIVC of the deployment has any.' })
  @IsOptional() @IsUUID() tenant?: string;
}

export class OidcLogoutView {
  @ApiProperty({ description: "Where the browser goes next: the provider's end-session URL (with id_token_hint and post_logout_redirect_uri) or `/login`." })
  redirectTo: string;
}
