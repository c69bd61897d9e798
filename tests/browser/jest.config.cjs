// End-to-end tests in a real Chromium (playwright-core + Debian's /usr/bin/chromium)
// against a running stack: STAFF_URL (default http://localhost:4200) and
// GATEWAY_URL (default http://localhost:3000). Run: npx nx e2e browser-tests
module.exports = {
  displayName: 'browser-tests',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  // jose ships only ES modules: compile it like the integration tests do (jest.preset.js).
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Tests that set up data like the integration tests do (e.g. child-stack.spec.ts) use the libs.
  moduleNameMapper: {
    '^@delaktig/(contracts|errors|config|messaging|service-kit|telemetry)$': '<rootDir>/../../libs/$1/src/index.ts',
  },
  testTimeout: 60_000,
};
