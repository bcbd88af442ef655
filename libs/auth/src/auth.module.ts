import { Module } from '@nestjs/common';
import { UsersModule } from '@kernteam/users';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MfaService } from './mfa.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { IdentityProvidersController } from './oidc/identity-providers.controller';
import { IdentityProvidersService } from './oidc/identity-providers.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';

@Module({ imports: [UsersModule], controllers: [AuthController, OidcController, IdentityProvidersController],
  providers: [AuthService, TokenService, SessionService, MfaService, AuthGuard, IdentityProvidersService, OidcService],
  exports: [AuthGuard, TokenService, SessionService, MfaService, IdentityProvidersService] })
export class AuthModule {}
