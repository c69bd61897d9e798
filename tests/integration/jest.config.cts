/* Integration tests: run against the real stack started with `infra/services.sh start test`. */
module.exports = {
  displayName: 'integration',
  preset: './jest.preset.js',
  rootDir: '../..',
  roots: ['<rootDir>/tests/integration'],
  testMatch: ['**/*.int.spec.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tests/integration/tsconfig.json' }] },
  moduleNameMapper: {
    '^@delaktig/(contracts|errors|config|messaging|service-kit|telemetry|bankid)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testTimeout: 120_000,
  globalSetup: '<rootDir>/tests/integration/support/global-setup.ts',
};
