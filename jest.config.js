// Two projects: `unit` runs pure specs beside the code (no I/O); `integration` runs tests
// against the real PostgreSQL and Redis, each file in its own database cloned from a migrated
// template (see test/global-setup.ts).
const moduleNameMapper = {
  '^@hybridmatch/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@hybridmatch/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// A few dependencies ship ES modules only (Node 20 loads them; jest's CommonJS runtime does not):
// ts-jest compiles just those to CommonJS.
const ESM_ONLY_PACKAGES = ['content-disposition'];
const transform = { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`];
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
  transformIgnorePatterns,
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.{e2e,int}-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
