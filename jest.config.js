/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Browser tests drive real Chromium; they run with `npm run test:browser`, not here.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/browser/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    // office-addin-manifest's ESM entry cannot be required under jest 30 (FACTS.md).
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  // Platform globals jsdom lacks (TextEncoder), for the task pane tests.
  setupFiles: ["<rootDir>/test/helpers/platformGlobals.ts"],
  testTimeout: 60000,
};
