// Two projects: `unit` (pure logic, no services) and `e2e` (real PostgreSQL and Redis of the machine).
// Transpile only (fast); `npm run typecheck` checks types for the whole tree.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json' }];
const moduleNameMapper = { '^@kernteam/(.*)$': '<rootDir>/libs/$1/src' };
// openid-client 6 and oidc-provider 9 (and their jose 6) are ES modules only: Node require()s them, Jest's own module
// system does not, so they are transpiled to CommonJS for the tests.
const esm = ['openid-client', 'oauth4webapi', 'oidc-provider', 'jose', 'nanoid'];
const esmTransform = { '^.+\\.js$': ['ts-jest', { tsconfig: 'tsconfig.jest-esm.json' }] };
const transformIgnorePatterns = [`/node_modules/(?!(${esm.join('|')})/)`];
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
      testEnvironment: 'node',
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest, ...esmTransform },
      transformIgnorePatterns,
      moduleNameMapper,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['reflect-metadata'],
    },
  ],
};
