import { DynamicModule, Global, Inject, Injectable, Module } from '@nestjs/common';
import { AbilitiesController } from './abilities.controller';
import { AppAbility, buildAbility, Policy } from './ability';
import type { Actor } from './actor';

const POLICIES = Symbol('POLICIES');

/** The one ability factory: every access decision of every route goes through the abilities it builds. */
@Injectable()
export class AbilityFactory {
  constructor(@Inject(POLICIES) private readonly policies: readonly Policy[]) {}
  forActor(actor: Actor): AppAbility {
    return buildAbility(actor, this.policies);
  }
}

@Global()
@Module({})
export class AccessModule {
  /** The composition root passes every domain's policy; the list is the whole access matrix. */
  static forRoot(policies: readonly Policy[]): DynamicModule {
    return {
      module: AccessModule,
      controllers: [AbilitiesController],
      providers: [{ provide: POLICIES, useValue: policies }, AbilityFactory],
      exports: [AbilityFactory],
    };
  }
}
