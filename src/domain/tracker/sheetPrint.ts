/**
 * A print of a sheet the tool owns ("Kinh phí", "Tiến độ"), to tell on the next run whether
 * someone edited it since the tool wrote it: a re-run replaces those sheets, and a sheet a person
 * worked on must be kept, not replaced.
 *
 * The print is which cells hold a constant and which a formula — what Excel's "Go To Special" gives
 * for Constants and Formulas, so the add-in reads it as two short area lists whatever the sheet's
 * size. Not the values, the formulas' text or their cached results: cached results move whenever
 * clerks edit the plan (the formulas are live), and each host reads constants back in its own way.
 * What it catches: text or numbers typed into an empty cell, a cell cleared, a formula replaced by
 * a value, rows added or deleted. What it misses: one constant typed over another, a formula
 * rewritten as another formula.
 */
import { a1, parseRange, type CellValue } from "../cell";
import type { SheetSpec } from "../layout/spec";
import type { SheetData } from "../workbookData";

type Entry = [row: number, col: number, what: string];

/** A constant Excel keeps: anything but an empty cell (a space is a constant too). */
function filled(v: CellValue | undefined): boolean {
  return v !== null && v !== undefined && v !== "";
}

/** FNV-1a over the canonical text: short, stable, and enough to notice an edit. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

function printOf(entries: Entry[]): string {
  entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const text = entries.map(([r, c, what]) => `${a1(r, c)}=${what}`).join("\n");
  return `${entries.length}:${hash(text)}`;
}

/**
 * The print of a sheet as the tool is about to write it; `skipCols` leaves out columns a clerk
 * fills in (the matrix items sheet's status, air date, …).
 */
export function printOfSpec(spec: SheetSpec, skipCols?: ReadonlySet<number>): string {
  const entries: Entry[] = [];
  for (const cell of spec.cells) {
    if (skipCols?.has(cell.col)) continue;
    if (cell.formula !== undefined) entries.push([cell.row, cell.col, "f"]);
    else if (filled(cell.value)) entries.push([cell.row, cell.col, "v"]);
  }
  return printOf(entries);
}

/** The print of a sheet as a reader found it (either host); merged areas count once. */
export function printOfSheet(sheet: SheetData, skipCols?: ReadonlySet<number>): string {
  // exceljs repeats a merged range's value in each of its cells: only the top-left one is real.
  const covered = new Set<string>();
  for (const m of sheet.merges ?? []) {
    const b = parseRange(m);
    if (!b) continue;
    for (let r = b.r1; r <= b.r2; r++)
      for (let c = b.c1; c <= b.c2; c++) if (r !== b.r1 || c !== b.c1) covered.add(a1(r, c));
  }
  const entries: Entry[] = [];
  const formulas = sheet.formulas;
  const seen = new Set<string>();
  sheet.rows.forEach((cells, r) => {
    cells.forEach((value: CellValue, c) => {
      const address = a1(r + 1, c + 1);
      if (covered.has(address) || skipCols?.has(c + 1)) return;
      if (formulas?.has(address)) {
        seen.add(address);
        entries.push([r + 1, c + 1, "f"]);
      } else if (filled(value)) entries.push([r + 1, c + 1, "v"]);
    });
  });
  // A formula whose cached result reads back empty has no value in `rows`.
  for (const address of formulas?.keys() ?? []) {
    if (seen.has(address) || covered.has(address)) continue;
    const b = parseRange(address);
    if (b && !skipCols?.has(b.c1)) entries.push([b.r1, b.c1, "f"]);
  }
  return printOf(entries);
}
