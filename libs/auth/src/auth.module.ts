import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Module({ controllers: [AuthController], providers: [AuthService, TokenService, AuthGuard], exports: [AuthGuard, TokenService] })
export class AuthModule {}
