import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // End-to-end tests are no deployable: they share the sign-in helper in tests/support and
    // read library internals (e.g. the personal-number check digit) on purpose. The boundary
    // rule keeps guarding services, gateway and libs.
    files: ['**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
