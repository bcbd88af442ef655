import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

@Module({ controllers: [AuthController], providers: [AuthService, TokenService, SessionService, AuthGuard], exports: [AuthGuard, TokenService, SessionService] })
export class AuthModule {}
