/**
 * What Excel checks on open that no schema covers (FACTS.md, end), read from the raw package with
 * jszip so the test sees exactly what Excel will see (shared strings included), plus the shared
 * ECMA-376 validator run in a child process.
 *
 * `excelRepairProblems` returns one line per problem; [] means Excel opens the file without
 * "We found a problem with some content" for these reasons. It also enforces the tracker's own
 * rules: validations and conditional formats only on bounded ranges, and the metadata sheet
 * "_PlanTracker" present and veryHidden.
 */
import { existsSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, posix, resolve } from "node:path";
import JSZip from "jszip";
import { SHARED } from "./shared";

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;
export const META_SHEET_NAME = "_PlanTracker";

/** The repository root (where node_modules holds jszip and xmllint-wasm for the validator). */
const REPO_ROOT = resolve(__dirname, "../..");
export const VALIDATOR = join(SHARED, "tools/validate-xlsx.mjs");

// ---------------------------------------------------------------------------------------------
// Minimal XML reading: attributes, entities and elements of the few parts we need. The parts are
// written by exceljs or Excel; a linear regex scan is enough and has no dependency.

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    switch (e) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(
          e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
        );
    }
  });
}

/** Excel escapes characters in some names as _xHHHH_ (e.g. a line break in a table column). */
function decodeOoxmlEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

function attrs(tagText: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tagText); m; m = re.exec(tagText)) {
    out[m[1]!] = decodeEntities(m[3] ?? m[4] ?? "");
  }
  return out;
}

/** Every element `<name …>` (with or without a prefix), its attributes and inner XML. */
function elements(xml: string, name: string): { attrs: Record<string, string>; inner: string }[] {
  const out: { attrs: Record<string, string>; inner: string }[] = [];
  const re = new RegExp(
    `<(?:[A-Za-z_][\\w.-]*:)?${name}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</(?:[A-Za-z_][\\w.-]*:)?${name}>)`,
    "g",
  );
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    out.push({ attrs: attrs(m[1] ?? ""), inner: m[2] ?? "" });
  }
  return out;
}

/** The text of a shared string or inline string item: every <t> run, phonetic runs excluded. */
function stringItemText(inner: string): string {
  const withoutPhonetic = inner.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  return elements(withoutPhonetic, "t")
    .map((t) => decodeEntities(t.inner))
    .join("");
}

async function part(zip: JSZip, name: string): Promise<string | null> {
  const file = zip.file(name);
  return file ? file.async("string") : null;
}

function relsPath(partName: string): string {
  const dir = posix.dirname(partName);
  return posix.join(dir === "." ? "" : dir, "_rels", `${posix.basename(partName)}.rels`);
}

function resolveTarget(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(from), target));
}

async function relationships(
  zip: JSZip,
  partName: string,
): Promise<{ id: string; type: string; target: string }[]> {
  const xml = await part(zip, relsPath(partName));
  if (!xml) return [];
  return elements(xml, "Relationship")
    .filter((r) => r.attrs.TargetMode !== "External")
    .map((r) => ({
      id: r.attrs.Id ?? "",
      type: r.attrs.Type ?? "",
      target: resolveTarget(partName, r.attrs.Target ?? ""),
    }));
}

// ---------------------------------------------------------------------------------------------
// References.

interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "A1", "A1:C3", "A:A", "1:1", "$A$1:$B$2" → a box; whole columns/rows get the sheet's limits. */
export function parseRef(ref: string): Box | null {
  const clean = ref.replace(/\$/g, "").trim().toUpperCase();
  const [a = "", b = a] = clean.split(":");
  const one = (s: string): { row: number | null; col: number | null } | null => {
    const m = /^([A-Z]{0,3})(\d*)$/.exec(s);
    if (!m || (m[1] === "" && m[2] === "")) return null;
    return { col: m[1] ? colNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
  };
  const p = one(a);
  const q = one(b);
  if (!p || !q) return null;
  return {
    r1: p.row ?? 1,
    c1: p.col ?? 1,
    r2: q.row ?? MAX_ROW,
    c2: q.col ?? MAX_COL,
  };
}

/** True when a sqref entry covers a whole column, a whole row or the whole sheet. */
export function isUnbounded(ref: string): boolean {
  const b = parseRef(ref);
  if (!b) return true;
  const wholeColumn = b.r1 <= 1 && b.r2 >= MAX_ROW;
  const wholeRow = b.c1 <= 1 && b.c2 >= MAX_COL;
  return wholeColumn || wholeRow;
}

function overlaps(a: Box, b: Box): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

function colLetters(col: number): string {
  let n = col;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// The checks.

const BAD_SHEET_CHARS = /[[\]:*?/\\]/;

interface CellRead {
  /** "s" shared/inline/formula string, "n" number, "b" boolean, "e" error, "d" ISO date. */
  kind: "s" | "n" | "b" | "e" | "d" | "empty";
  text: string;
}

function sheetCells(sheetXml: string, shared: readonly string[]): Map<string, CellRead> {
  const cells = new Map<string, CellRead>();
  const re = /<(?:\w+:)?c(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
  for (let m = re.exec(sheetXml); m; m = re.exec(sheetXml)) {
    const a = attrs(m[1] ?? "");
    const inner = m[2] ?? "";
    const ref = (a.r ?? "").toUpperCase();
    if (!ref) continue;
    const v = elements(inner, "v")[0]?.inner;
    const t = a.t ?? "n";
    let cell: CellRead;
    if (t === "s") {
      cell = { kind: "s", text: v === undefined ? "" : (shared[Number(v)] ?? "") };
    } else if (t === "inlineStr") {
      cell = { kind: "s", text: stringItemText(elements(inner, "is")[0]?.inner ?? "") };
    } else if (t === "str") {
      cell = { kind: "s", text: decodeEntities(v ?? "") };
    } else if (v === undefined) {
      cell = { kind: "empty", text: "" };
    } else {
      cell = { kind: t === "b" || t === "e" || t === "d" ? t : "n", text: decodeEntities(v) };
    }
    cells.set(ref, cell);
  }
  return cells;
}

/**
 * The problems Excel would "repair" in the package at `path`, plus the tracker's own rules.
 * `tracker: false` skips the metadata-sheet rule (for plain plan workbooks).
 */
export async function excelRepairProblems(
  path: string,
  opts: { tracker?: boolean } = {},
): Promise<string[]> {
  const tracker = opts.tracker ?? true;
  const problems: string[] = [];
  const zip = await JSZip.loadAsync(readFileSync(path));

  const rootRels = await relationships(zip, "");
  const workbookPath =
    rootRels.find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbookXml = await part(zip, workbookPath);
  if (!workbookXml) return [`no workbook part (${workbookPath})`];
  const wbRels = await relationships(zip, workbookPath);

  const sharedPath = wbRels.find((r) => r.type.endsWith("/sharedStrings"))?.target;
  const sharedXml = sharedPath ? await part(zip, sharedPath) : null;
  const shared = sharedXml ? elements(sharedXml, "si").map((si) => stringItemText(si.inner)) : [];

  // Sheet names.
  const sheets = elements(workbookXml, "sheet").map((s) => ({
    name: s.attrs.name ?? "",
    state: s.attrs.state ?? "visible",
    rid: s.attrs["r:id"] ?? "",
  }));
  const seenSheets = new Map<string, string>();
  for (const s of sheets) {
    if (s.name.length === 0) problems.push("a sheet has an empty name");
    if (s.name.length > 31) problems.push(`sheet name longer than 31 characters: "${s.name}"`);
    if (BAD_SHEET_CHARS.test(s.name)) problems.push(`sheet name with []:*?/\\ : "${s.name}"`);
    if (s.name.startsWith("'") || s.name.endsWith("'"))
      problems.push(`sheet name starting or ending with an apostrophe: "${s.name}"`);
    const key = s.name.toLocaleLowerCase();
    const first = seenSheets.get(key);
    if (first !== undefined) problems.push(`duplicate sheet name "${s.name}" (also "${first}")`);
    else seenSheets.set(key, s.name);
  }

  // Defined names (per scope).
  const definedNames = elements(workbookXml, "definedName").map((d) => ({
    name: d.attrs.name ?? "",
    scope: d.attrs.localSheetId ?? "",
  }));
  const seenNames = new Set<string>();
  for (const d of definedNames) {
    const key = `${d.scope}\u0000${d.name.toLocaleLowerCase()}`;
    if (seenNames.has(key)) problems.push(`duplicate defined name "${d.name}"`);
    seenNames.add(key);
  }
  const definedLower = new Set(definedNames.map((d) => d.name.toLocaleLowerCase()));

  if (tracker) {
    const meta = sheets.find((s) => s.name === META_SHEET_NAME);
    if (!meta) problems.push(`no metadata sheet "${META_SHEET_NAME}"`);
    else if (meta.state !== "veryHidden")
      problems.push(`metadata sheet "${META_SHEET_NAME}" is ${meta.state}, not veryHidden`);
  }

  // Per sheet: tables, validations, conditional formats.
  const tableNames = new Map<string, string>();
  const tableIds = new Map<string, string>();
  for (const s of sheets) {
    const target = wbRels.find((r) => r.id === s.rid)?.target;
    if (!target) {
      problems.push(`sheet "${s.name}" has no part`);
      continue;
    }
    const xml = await part(zip, target);
    if (xml === null) {
      problems.push(`sheet "${s.name}": part ${target} is missing`);
      continue;
    }
    const where = `sheet "${s.name}"`;

    for (const dv of elements(xml, "dataValidation")) {
      const sqref = dv.attrs.sqref ?? "";
      for (const ref of sqref.split(/\s+/).filter(Boolean)) {
        if (isUnbounded(ref))
          problems.push(`${where}: data validation on an unbounded range ${ref}`);
      }
      if ((dv.attrs.type ?? "none") === "list") {
        const f1 = decodeEntities(elements(dv.inner, "formula1")[0]?.inner ?? "");
        if (f1.length > 255)
          problems.push(
            `${where}: list validation source over 255 characters (${f1.length}) at ${sqref}`,
          );
      }
    }
    for (const cf of elements(xml, "conditionalFormatting")) {
      const sqref = cf.attrs.sqref ?? "";
      for (const ref of sqref.split(/\s+/).filter(Boolean)) {
        if (isUnbounded(ref))
          problems.push(`${where}: conditional format on an unbounded range ${ref}`);
      }
    }

    const merges = elements(xml, "mergeCell")
      .map((m) => ({ ref: m.attrs.ref ?? "", box: parseRef(m.attrs.ref ?? "") }))
      .filter((m): m is { ref: string; box: Box } => m.box !== null);
    const sheetRels = await relationships(zip, target);
    const tableParts = sheetRels.filter((r) => r.type.endsWith("/table"));
    if (tableParts.length === 0) continue;
    const cells = sheetCells(xml, shared);
    const tableBoxes: { name: string; box: Box }[] = [];
    for (const tp of tableParts) {
      const txml = await part(zip, tp.target);
      if (txml === null) {
        problems.push(`${where}: table part ${tp.target} is missing`);
        continue;
      }
      const table = elements(txml, "table")[0];
      if (!table) {
        problems.push(`${where}: ${tp.target} has no <table>`);
        continue;
      }
      const name = table.attrs.name ?? "";
      const displayName = table.attrs.displayName ?? name;
      const id = table.attrs.id ?? "";
      for (const n of new Set([name, displayName])) {
        const key = n.toLocaleLowerCase();
        if (n === "") problems.push(`${where}: a table without a name (${tp.target})`);
        const first = tableNames.get(key);
        if (first !== undefined && first !== tp.target)
          problems.push(`duplicate table name "${n}" (${first} and ${tp.target})`);
        tableNames.set(key, tp.target);
        if (definedLower.has(key)) problems.push(`table name "${n}" equals a defined name`);
      }
      const firstId = tableIds.get(id);
      if (firstId !== undefined)
        problems.push(`duplicate table id ${id} (${firstId}, ${tp.target})`);
      tableIds.set(id, tp.target);

      const box = parseRef(table.attrs.ref ?? "");
      if (!box) {
        problems.push(`${where}: table "${name}" has a bad ref "${table.attrs.ref}"`);
        continue;
      }
      for (const other of tableBoxes) {
        if (overlaps(other.box, box))
          problems.push(`${where}: tables "${other.name}" and "${name}" overlap`);
      }
      tableBoxes.push({ name, box });
      for (const m of merges) {
        if (overlaps(m.box, box))
          problems.push(`${where}: merged cells ${m.ref} inside table "${name}"`);
      }

      const columns = elements(elements(txml, "tableColumns")[0]?.inner ?? "", "tableColumn").map(
        (c) => decodeOoxmlEscapes(c.attrs.name ?? ""),
      );
      const width = box.c2 - box.c1 + 1;
      if (columns.length !== width)
        problems.push(
          `${where}: table "${name}" has ${columns.length} columns for a ${width}-column ref`,
        );
      const seenCols = new Set<string>();
      columns.forEach((col, i) => {
        if (col.trim() === "") problems.push(`${where}: table "${name}" column ${i + 1} is empty`);
        const key = col.toLocaleLowerCase();
        if (seenCols.has(key))
          problems.push(`${where}: table "${name}" has a duplicate column name "${col}"`);
        seenCols.add(key);
      });
      const headerRows = Number(table.attrs.headerRowCount ?? "1");
      if (headerRows > 0) {
        columns.forEach((col, i) => {
          const address = `${colLetters(box.c1 + i)}${box.r1}`;
          const cell = cells.get(address);
          if (!cell || cell.kind === "empty") {
            problems.push(`${where}: table "${name}" header cell ${address} is empty`);
          } else if (cell.kind !== "s") {
            problems.push(
              `${where}: table "${name}" header cell ${address} is not text (${cell.kind} ${cell.text})`,
            );
          } else if (cell.text !== col) {
            problems.push(
              `${where}: table "${name}" column "${col}" differs from header cell ${address} "${cell.text}"`,
            );
          }
        });
      }
    }
  }
  return problems;
}

/** Runs ../shared/tools/validate-xlsx.mjs on the file (exit 0 = every part schema-valid). */
export function validateXlsx(path: string): { ok: boolean; output: string } {
  if (!existsSync(VALIDATOR)) {
    throw new Error(
      `The shared xlsx validator is missing: expected ${VALIDATOR} (../shared/tools/validate-xlsx.mjs next to the repository). The tests cannot prove the workbook is valid without it.`,
    );
  }
  const r = spawnSync(process.execPath, [VALIDATOR, path], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  return { ok: r.status === 0, output };
}

export interface RawValidation {
  sqref: string;
  type: string;
  operator: string | null;
  errorStyle: string;
  formula1: string | null;
  formula2: string | null;
}

export interface RawConditionalFormat {
  sqref: string;
  rules: { type: string; priority: number; dxfId: string | null; formulas: string[] }[];
}

/** The validations and conditional formats of one sheet exactly as the package stores them. */
export async function rawSheetRules(
  path: string,
  sheetName: string,
): Promise<{ validations: RawValidation[]; conditionalFormats: RawConditionalFormat[] }> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const workbookPath =
    (await relationships(zip, "")).find((r) => r.type.endsWith("/officeDocument"))?.target ??
    "xl/workbook.xml";
  const workbookXml = (await part(zip, workbookPath)) ?? "";
  const sheet = elements(workbookXml, "sheet").find((s) => s.attrs.name === sheetName);
  if (!sheet) throw new Error(`no sheet "${sheetName}" in ${path}`);
  const target = (await relationships(zip, workbookPath)).find(
    (r) => r.id === sheet.attrs["r:id"],
  )?.target;
  const xml = target ? await part(zip, target) : null;
  if (xml === null) throw new Error(`no part for sheet "${sheetName}" in ${path}`);
  const formula = (inner: string, name: string): string | null => {
    const f = elements(inner, name)[0];
    return f ? decodeEntities(f.inner) : null;
  };
  return {
    validations: elements(xml, "dataValidation").map((dv) => ({
      sqref: dv.attrs.sqref ?? "",
      type: dv.attrs.type ?? "none",
      operator: dv.attrs.operator ?? null,
      errorStyle: dv.attrs.errorStyle ?? "stop",
      formula1: formula(dv.inner, "formula1"),
      formula2: formula(dv.inner, "formula2"),
    })),
    conditionalFormats: elements(xml, "conditionalFormatting").map((cf) => ({
      sqref: cf.attrs.sqref ?? "",
      rules: elements(cf.inner, "cfRule").map((r) => ({
        type: r.attrs.type ?? "",
        priority: Number(r.attrs.priority ?? "0"),
        dxfId: r.attrs.dxfId ?? null,
        formulas: elements(r.inner, "formula").map((f) => decodeEntities(f.inner)),
      })),
    })),
  };
}
