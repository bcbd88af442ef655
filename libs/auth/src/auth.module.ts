import { Module } from '@nestjs/common';
import { UsersModule } from '@kernteam/users';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MfaService } from './mfa.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

@Module({ imports: [UsersModule], controllers: [AuthController], providers: [AuthService, TokenService, SessionService, MfaService, AuthGuard], exports: [AuthGuard, TokenService, SessionService, MfaService] })
export class AuthModule {}
