/**
 * The browser test suite (`npm run test:browser`): real headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core) drives the built task pane, served on 127.0.0.1 by
 * test/browser/server.mjs. `npm run build:test-web` must have run first (the npm script does it).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["<rootDir>/test/browser/**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  globalSetup: "<rootDir>/test/browser/globalSetup.ts",
  globalTeardown: "<rootDir>/test/browser/globalTeardown.ts",
  // One browser at a time: the suite is about behaviour, not throughput, and CI boxes are small.
  maxWorkers: 1,
  testTimeout: 120000,
};
