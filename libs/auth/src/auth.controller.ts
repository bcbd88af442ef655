import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Public } from '@kernteam/access';
import { ApiProblems, Problem } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { SignedInUserView, toUserView, User } from '@kernteam/users';
import { LoginDto } from './auth.dto';
import { AuthService, LoginResult } from './auth.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly db: TenantDb) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResult })
  @ApiProblems(400, 401, 429)
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    try {
      return await this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
    } catch (e) {
      const retryAfter = (e as { retryAfter?: number }).retryAfter;
      if (e instanceof Problem && retryAfter) res.setHeader('Retry-After', String(retryAfter));
      throw e;
    }
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: SignedInUserView })
  @ApiProblems(401)
  async me(@CurrentActor() actor: Actor): Promise<SignedInUserView> {
    const user = await this.db.tx(actor, (em) => em.getRepository(User).findOneByOrFail({ id: actor.id }));
    const { id, email, name, role, partnerId, tenantId } = toUserView(user);
    return { id, email, name, role, partnerId, tenantId };
  }
}
