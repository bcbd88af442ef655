import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/*
 * Express finds a request's route by trying the layers of its one router in turn, each with its route's regular
 * expression. With the product's 120-odd routes the router took about 110 µs of a read in a CPU profile (issue 12; the
 * bare NestJS app of the bench, with three routes, about 48; with this check, about 63). Each route layer is given a
 * check of the fixed part its path starts with, a few character comparisons that answer "cannot match" for nearly
 * every layer before its regular expression runs. The order of the layers, and so which route wins, is untouched; a
 * layer the check lets through matches exactly as before.
 */

interface RouteLayer { route?: { path?: unknown }; match: (path: string) => unknown }
interface CheckedLayer extends RouteLayer { fixedPrefix: string; matchAnyPath: (path: string) => unknown }

/**
 * The complete path segments a route's pattern starts with, in lower case ('/api/dossiers' of '/api/dossiers/:id'), or
 * null when there is no such fixed part worth checking or its characters are not plain ASCII (path-to-regexp's syntax
 * characters end it: parameters, wildcards, groups, escapes).
 */
export function fixedPrefix(pattern: string): string | null {
  const special = pattern.search(/[:*{}()[\]+?!\\%]/);
  let fixed = special === -1 ? pattern : pattern.slice(0, pattern.lastIndexOf('/', special));
  fixed = fixed.replace(/\/+$/, '');
  if (!fixed.startsWith('/') || fixed.length < 2 || !/^[\x20-\x7e]*$/.test(fixed)) return null;
  return fixed.toLowerCase();
}

/**
 * Whether a request path can match a route starting with `prefix`: it starts with it, ASCII letters compared in either
 * case (express routes case-insensitively by default; a case-sensitive router matches a subset of this), and the
 * prefix ends at a segment boundary. Necessary for a match, not sufficient: the route's own matcher decides.
 */
export function couldMatch(path: string, prefix: string): boolean {
  const n = prefix.length;
  if (path.length < n) return false;
  for (let i = 0; i < n; i++) {
    let c = path.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== prefix.charCodeAt(i)) return false;
  }
  return path.length === n || path.charCodeAt(n) === 47;
}

function matchAfterPrefix(this: CheckedLayer, path: string): unknown {
  return typeof path === 'string' && !couldMatch(path, this.fixedPrefix) ? false : this.matchAnyPath(path);
}

/** Gives every route layer of the express app's router the check of its fixed prefix; answers how many got one. */
export function prefilterRoutes(expressApp: { router?: { stack?: RouteLayer[] } }): number {
  let checked = 0;
  for (const layer of expressApp.router?.stack ?? []) {
    const pattern = layer.route?.path;
    const prefix = typeof pattern === 'string' ? fixedPrefix(pattern) : null;
    if (!prefix) continue;
    // One function for every layer, its prefix and own matcher on the layer: the router's call stays monomorphic.
    Object.assign(layer, { fixedPrefix: prefix, matchAnyPath: layer.match, match: matchAfterPrefix });
    checked++;
  }
  return checked;
}

/** Applies {@link prefilterRoutes} once Nest has registered every route (the bootstrap hook runs after that). */
@Injectable()
export class RoutePrefilter implements OnApplicationBootstrap {
  constructor(private readonly host: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const instance = this.host.httpAdapter?.getInstance?.();
    if (instance) prefilterRoutes(instance);
  }
}
