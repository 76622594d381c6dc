// Type-aware lint for the whole project, with the Office add-in rules and a wall around the
// pure domain core.
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import prettier from "eslint-config-prettier";

const IMPURE_MODULES = [
  "exceljs",
  "fs",
  "fs/promises",
  "path",
  "os",
  "child_process",
  "stream",
  "zlib",
  "crypto",
  "jszip",
  "mammoth",
  "pdfkit",
  "commander",
  "@microsoft/office-js",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      "coverage/**",
      "bin/**",
      "*.config.js",
      "*.config.mjs",
      "test/browser/screenshots/**",
      "demo-output/**",
      // Build output and local scratch (webpack bundles, bench caches, browser-test bundles).
      "dist-web/**",
      ".bench/**",
      "test/.tmp/**",
      // Plain Node scripts (make-icons, validate-manifest): outside the TypeScript project, so the
      // type-aware parser cannot read them; Prettier and the manifest test cover them.
      "scripts/**/*.mjs",
      // The browser suite's plain Node helpers (static server, test build), likewise.
      "test/browser/**/*.mjs",
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    // The Office.js rules read any `.load`/property access as Office.js, so they only run where
    // Office.js is used (they misfire on exceljs code).
    files: ["src/adapters/officejs/**/*.ts", "src/taskpane/**/*.ts", "src/commands/**/*.ts"],
    // The standalone host drives exceljs, whose cell.row/col reads these rules mistake for Office.js.
    ignores: ["src/taskpane/standaloneHost.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: IMPURE_MODULES.map((name) => ({
            name,
            message: "src/domain is pure: do I/O in an adapter or shell and pass data in.",
          })),
          patterns: [
            { group: ["node:*"], message: "src/domain is pure: no Node built-ins." },
            {
              group: [
                "**/adapters/**",
                "**/cli/**",
                "**/taskpane/**",
                "**/commands/**",
                "**/node/**",
              ],
              message: "src/domain must not depend on shells or adapters.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "window", message: "No DOM in the domain." },
        { name: "document", message: "No DOM in the domain." },
        { name: "navigator", message: "No DOM in the domain." },
        { name: "Office", message: "No Office.js in the domain: use the Office.js adapter." },
        { name: "Excel", message: "No Office.js in the domain: use the Office.js adapter." },
        { name: "process", message: "No Node globals in the domain." },
        { name: "require", message: "No Node globals in the domain." },
        { name: "Buffer", message: "No Node globals in the domain." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "The clock is a parameter (asOf): never read it inside the domain.",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "The clock is a parameter (asOf): never read it inside the domain.",
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: "The domain is deterministic: pass randomness in.",
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  prettier,
);
