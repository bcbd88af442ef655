import Module = require('node:module');

/**
 * Code that libraries load eagerly and this product never runs, kept out of the server's memory (issue 12: idle RSS).
 * Imported first by the API and worker entry points, before any library. Each entry names who loads it and why it is
 * never called here. Asking for one of them still answers a module; calling or constructing anything of it throws,
 * naming it and this file, so a future use fails in its first test (class-validator's `isPhoneNumber` catches that
 * error and answers false: every phone number would be refused).
 *
 * Measured on the idle API: the V8 heap 4.3 MB smaller, RSS about 6 MB smaller (docs/operations.md).
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
    // class-validator's index loads @IsPhoneNumber, which loads libphonenumber-js with its metadata.
    from: /[\\/]class-validator[\\/]/,
    request: /^libphonenumber-js(\/|$)/,
    why: 'no phone number is validated here',
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
];

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
loader._load = function (this: unknown, request, parent, isMain) {
  const from = parent?.filename ?? '';
  for (const u of UNUSED) if (u.request.test(request) && u.from.test(from)) return unusedModule(request, u.why);
  return load.call(this, request, parent, isMain);
};
