const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // jose (token verification) ships only ES modules; let ts-jest (allowJs) compile it for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
};
