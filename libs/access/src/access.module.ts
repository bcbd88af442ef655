import { DynamicModule, Global, Inject, Injectable, Module } from '@nestjs/common';
import { AbilitiesController } from './abilities.controller';
import { AppAbility, buildAbility, Policy } from './ability';
import type { Actor } from './actor';

const POLICIES = Symbol('POLICIES');

/** The one ability factory: every access decision of every route goes through the abilities it builds. */
@Injectable()
export class AbilityFactory {
  /**
   * The rules are a pure function of who the actor is (id, tenant, role, partner), so the ability built for one is
   * reused by their next requests (CASL also keeps its rule index per ability). A role or partner change is a new key at
   * once, since the actor is re-read on every request. Bounded; the oldest entry goes first.
   */
  private readonly cache = new Map<string, AppAbility>();

  constructor(@Inject(POLICIES) private readonly policies: readonly Policy[]) {}

  forActor(actor: Actor): AppAbility {
    const key = `${actor.id}|${actor.tenantId}|${actor.role}|${actor.partnerId ?? ''}`;
    let ability = this.cache.get(key);
    if (ability) {
      this.cache.delete(key);
    } else {
      ability = buildAbility(actor, this.policies);
      if (this.cache.size >= ABILITY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, ability);
    return ability;
  }
}

const ABILITY_CACHE_SIZE = 2000;

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
