// End-to-end tests in a real Chromium (playwright-core + Debian's /usr/bin/chromium)
// against a running stack: STAFF_URL (default http://localhost:4200) and
// GATEWAY_URL (default http://localhost:3000). Run: npx nx e2e browser-tests
module.exports = {
  displayName: 'browser-tests',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
};
