import Module = require('node:module');

/**
 * Code that libraries load eagerly and this product never runs, kept out of the server's memory (issue 12: idle RSS).
 * Imported first by the API and worker entry points, before any library. Each entry names who loads it and why it is
 * never called here. Asking for one of them still answers a module; calling or constructing anything of it throws,
 * naming it and this file, so a future use fails in its first test.
 *
 * Measured on the idle API (docs/operations.md): TypeORM's drivers, libphonenumber-js, multer, js-yaml, the formatter
 * and tinyglobby made the V8 heap 4.3 MB and RSS about 6 MB smaller; TypeORM's other managers, caches and loggers, the
 * unused decorators and lodash then took the heap from 29.8–30.0 to 26.1–26.5 MB.
 */
const UNUSED: readonly { from: RegExp; request: RegExp; why: string }[] = [
  {
    // DriverFactory requires all 17 drivers (MySQL, Oracle, SAP, Spanner, SQL Server, SQLite, Mongo, …: about 1.5 MB of
    // source) when TypeORM loads; it constructs only the one the options name, and ours is postgres.
    from: /[\\/]typeorm[\\/]driver[\\/]DriverFactory\.js$/,
    request: /^\.\/(?!postgres\/)[\w-]+\//,
    why: 'this product runs on PostgreSQL only',
  },
  {
    // @nestjs/platform-express exports its upload interceptors, which load multer (and a second copy of mime-db).
    from: /[\\/]@nestjs[\\/]platform-express[\\/]/,
    request: /^multer$/,
    why: 'the API takes no multipart upload',
  },
  {
    // @nestjs/swagger's module loads js-yaml for a YAML copy of the document; it is served as JSON only (app.factory.ts).
    from: /[\\/]@nestjs[\\/]swagger[\\/]/,
    request: /^js-yaml$/,
    why: 'the OpenAPI document is served as JSON only',
  },
  {
    // TypeORM's SQL formatter, used only to print queries in its logs; TypeORM's logging is off.
    from: /[\\/]typeorm[\\/]/,
    request: /^@sqltools\/formatter$/,
    why: "TypeORM's query logging is off",
  },
  {
    // TypeORM's loader of entities and migrations given as glob patterns; ours are given as classes.
    from: /[\\/]typeorm[\\/]/,
    request: /^tinyglobby$/,
    why: 'entities and migrations are given as classes, not globs',
  },
  {
    // TypeORM's index and factories load the entity managers and repository of MongoDB and sql.js, both query result
    // caches and all five loggers; it constructs the Mongo or sql.js ones only for those drivers, a cache only with the
    // `cache` option, and one logger: the advanced console logger (its logging is off, and errors-only for migrations).
    from: /[\\/]typeorm[\\/]/,
    request: /(^|\/)(MongoEntityManager|SqljsEntityManager|MongoRepository|RedisQueryResultCache|DbQueryResultCache|FileLogger|DebugLogger|SimpleConsoleLogger|FormattedConsoleLogger)$/,
    why: 'this product runs on PostgreSQL, without a query cache, with the default logger',
  },
  {
    // class-validator's index exports its 113 decorators, one module each, most with a validator.js check behind it,
    // and @IsStrongPassword loads all of validator.js (@IsPhoneNumber: libphonenumber-js). The 24 kept here are the
    // twenty the product's rules use and four generic ones (Allow, IsDefined, Validate, ValidateBy). The other 89 are
    // left out of class-validator's exports: a rule that starts using one fails as its class loads ("IsUrl is not a
    // function"), first in test/unused-modules.e2e-spec.ts, which loads every module of the product under this file.
    from: /[\\/]class-validator[\\/]cjs[\\/]decorator[\\/]decorators\.js$/,
    request:
      /^\.\/(?!(?:common\/(?:Allow|IsDefined|IsOptional|IsIn|Equals|Validate|ValidateBy|ValidateIf|ValidateNested)|typechecker\/(?:IsString|IsInt|IsNumber|IsBoolean|IsArray|IsObject)|number\/(?:Min|Max)|string\/(?:Length|MinLength|MaxLength|Matches|IsUUID|IsEmail)|array\/ArrayMaxSize)$)/,
    why: 'no rule of the product uses that decorator',
  },
];

/**
 * A library the product needs only later, of which another library calls a few functions at start: those few are
 * answered here, and its first other use loads it. @nestjs/swagger's decorators call seven lodash functions while the
 * DTO classes load (found by tracing its property reads at start); the rest of lodash (0.55 MB of source, kept by V8
 * as 1.1 MB of two-byte text) only builds the OpenAPI document, on the first request for the API docs. Each answer is
 * lodash's own behaviour for the plain option objects and simple keys those decorators pass; any other argument goes
 * to lodash.
 */
const PARTLY: readonly { from: RegExp; request: RegExp; early: (full: () => Record<string, Function>) => Record<string, Function> }[] = [
  {
    from: /[\\/]@nestjs[\\/]swagger[\\/]/,
    request: /^lodash$/,
    early: (full) => ({
      isArray: Array.isArray,
      isUndefined: (value: unknown) => value === undefined,
      isNil: (value: unknown) => value == null,
      isString: (value: unknown) => typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.toString.call(value) === '[object String]'),
      negate: (predicate: unknown) =>
        typeof predicate === 'function' ? function (this: unknown, ...args: unknown[]) { return !predicate.apply(this, args); } : full().negate(predicate),
      pickBy: (object: unknown, predicate: unknown) => {
        if (typeof predicate !== 'function' || !isPlainRecord(object)) return full().pickBy(object, predicate);
        const picked: Record<PropertyKey, unknown> = {};
        for (const key of ownKeysIn(object)) if (predicate(object[key], key)) picked[key] = object[key];
        return picked;
      },
      omit: (object: unknown, ...paths: unknown[]) => {
        const drop = paths.flat();
        if (!isPlainRecord(object) || !drop.every((p) => typeof p === 'string' && !/[.[]/.test(p))) return full().omit(object, ...paths);
        const kept: Record<PropertyKey, unknown> = {};
        for (const key of ownKeysIn(object)) if (!drop.includes(key)) kept[key] = object[key];
        return kept;
      },
    }),
  },
];

/** A plain object (literal or null prototype), the one case the early answers take on. */
function isPlainRecord(value: unknown): value is Record<PropertyKey, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** lodash's `getAllKeysIn` for a plain object: its enumerable string keys, then its enumerable symbols. */
function ownKeysIn(object: Record<PropertyKey, unknown>): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (const key in object) keys.push(key);
  for (const symbol of Object.getOwnPropertySymbols(object)) if (Object.prototype.propertyIsEnumerable.call(object, symbol)) keys.push(symbol);
  return keys;
}

function unusedModule(request: string, why: string): unknown {
  // A function, not an arrow: `new Driver()` must reach the throw too.
  const fail = function fail(): never {
    throw new Error(`${request} is not loaded in Kernteam (${why}); see apps/api/src/unused-modules.ts`);
  };
  return new Proxy(
    {},
    {
      // An ES-module interop check and a thenable check must not fail; everything else is a function that throws.
      get: (_target, key) => (key === '__esModule' ? true : typeof key === 'symbol' || key === 'then' ? undefined : fail),
    },
  );
}

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const load = loader._load;
/** Answers the early functions until the library is loaded (by the first other use), then everything from it. */
function partlyModule(early: (typeof PARTLY)[number]['early'], loadFull: () => Record<string, Function>): unknown {
  let loaded: Record<string, Function> | undefined;
  const full = () => (loaded ??= loadFull());
  const answers = early(full);
  return new Proxy({}, { get: (_target, key) => (loaded || typeof key !== 'string' || !Object.hasOwn(answers, key) ? full()[key as string] : answers[key]) });
}

loader._load = function (this: unknown, request, parent, isMain) {
  const from = parent?.filename ?? '';
  for (const u of UNUSED) if (u.request.test(request) && u.from.test(from)) return unusedModule(request, u.why);
  for (const p of PARTLY) if (p.request.test(request) && p.from.test(from)) return partlyModule(p.early, () => load.call(this, request, parent, isMain) as Record<string, Function>);
  return load.call(this, request, parent, isMain);
};
