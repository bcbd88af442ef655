import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from '@kernteam/access';

export interface DiscoveredRoute { key: string; isPublic: boolean }

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/** Every HTTP route the application really serves, read from the controllers' metadata (as Nest's router does). */
export function discoverRoutes(app: INestApplication): DiscoveredRoute[] {
  const scanner = new MetadataScanner();
  const routes: DiscoveredRoute[] = [];
  const controllers = [...app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const ctrl = wrapper.metatype as { prototype: Record<string, unknown> } | undefined;
    if (!ctrl) continue;
    const base = Reflect.getMetadata(PATH_METADATA, ctrl) as string;
    for (const name of scanner.getAllMethodNames(ctrl.prototype)) {
      const handler = ctrl.prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const full = join(base, path);
      const prefixed = full === '/health' ? full : join('api', full);
      const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, ctrl));
      routes.push({ key: `${method} ${prefixed}`, isPublic });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
