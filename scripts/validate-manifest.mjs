#!/usr/bin/env node
// Validates Office add-in XML manifests against the official XSDs, offline.
//
//   node scripts/validate-manifest.mjs                       # manifest.xml
//   node scripts/validate-manifest.mjs dist-web/manifest.xml # the production copy
//   node scripts/validate-manifest.mjs --json FILE...        # one JSON result per file on stdout
//
// `npm run validate` (office-addin-manifest) asks Microsoft's online service, which needs internet;
// this script needs only the schemas in ../shared/schemas/office-addin-manifest/ (outside the repo:
// they are shared between projects; see the README there for where each file comes from) or the
// folder named by PLAN_TRACKER_MANIFEST_SCHEMAS, and xmllint-wasm (libxml2 compiled to WebAssembly,
// so no Debian package is needed).
//
// Exit codes: 0 every file is valid, 1 a file is invalid, 2 the check could not run (missing file or
// schema folder, or a schema that does not compile).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sharedDir } from "./shared-dir.mjs";
import { validateXML } from "xmllint-wasm";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MAIN_SCHEMA = "OfficeAppManifestV1_1.xsd";
// The main schema imports these by their bare file names.
const IMPORTED_SCHEMAS = [
  "OfficeAppBasicTypesV1_0.xsd",
  "TaskPaneAppVersionOverridesV1_0.xsd",
  "MailAppVersionOverridesV1_0.xsd",
  "MailAppVersionOverridesV1_1.xsd",
];

export function defaultSchemaDir() {
  return process.env.PLAN_TRACKER_MANIFEST_SCHEMAS
    ? resolve(process.env.PLAN_TRACKER_MANIFEST_SCHEMAS)
    : resolve(sharedDir(), "schemas/office-addin-manifest");
}

export class SetupError extends Error {}

function loadSchemas(schemaDir) {
  const missing = [MAIN_SCHEMA, ...IMPORTED_SCHEMAS].filter((f) => !existsSync(join(schemaDir, f)));
  if (missing.length > 0) {
    throw new SetupError(
      `The Office add-in manifest schemas are missing from ${schemaDir} (${missing.join(", ")}). ` +
        `They are expected next to this repository in ../shared/schemas/office-addin-manifest/; ` +
        `set PLAN_TRACKER_MANIFEST_SCHEMAS to another folder that holds ${MAIN_SCHEMA} and the ` +
        `schemas it imports, or run \`npm run validate\` (online) instead.`,
    );
  }
  const read = (fileName) => ({
    fileName,
    contents: readFileSync(join(schemaDir, fileName), "utf8"),
  });
  // Preload every .xsd of the folder, not only the known imports, so a newer schema set that
  // imports one more file still resolves.
  const others = readdirSync(schemaDir).filter((f) => f.endsWith(".xsd") && f !== MAIN_SCHEMA);
  return { schema: read(MAIN_SCHEMA), preload: others.map(read) };
}

/**
 * Validates manifest text. Resolves to `{ valid, errors: [{ message, line }] }`; throws SetupError
 * when the schemas are missing or do not compile.
 */
export async function validateManifestText(xml, { schemaDir = defaultSchemaDir() } = {}) {
  const { schema, preload } = loadSchemas(schemaDir);
  let result;
  try {
    result = await validateXML({
      xml: [{ fileName: "manifest.xml", contents: xml }],
      schema: [schema],
      preload,
    });
  } catch (error) {
    // xmllint-wasm rejects (rather than returning valid: false) when the schema does not compile.
    throw new SetupError(
      `The schemas in ${schemaDir} could not be compiled: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    valid: result.valid,
    errors: result.errors.map((e) => ({
      message: e.message.trim(),
      line: e.loc?.lineNumber ?? null,
    })),
  };
}

export async function validateManifestFile(file, options) {
  if (!existsSync(file)) throw new SetupError(`No such manifest: ${file}`);
  return validateManifestText(readFileSync(file, "utf8"), options);
}

async function main(argv) {
  const json = argv.includes("--json");
  const files = argv.filter((a) => a !== "--json");
  if (files.length === 0) files.push(join(REPO, "manifest.xml"));
  let exitCode = 0;
  for (const file of files.map((f) => resolve(f))) {
    const shown = relative(process.cwd(), file) || file;
    try {
      const result = await validateManifestFile(file);
      if (json) {
        console.log(JSON.stringify({ file: shown, ...result }));
      } else if (result.valid) {
        console.log(`${shown}: valid (Office add-in manifest XSDs, offline)`);
      } else {
        console.error(`${shown}: INVALID against the Office add-in manifest XSDs`);
        for (const e of result.errors) console.error(`  line ${e.line ?? "?"}: ${e.message}`);
      }
      if (!result.valid) exitCode = Math.max(exitCode, 1);
    } catch (error) {
      if (!(error instanceof SetupError)) throw error;
      if (json) console.log(JSON.stringify({ file: shown, error: error.message }));
      else console.error(`${shown}: cannot validate. ${error.message}`);
      exitCode = 2;
    }
  }
  return exitCode;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
