/**
 * Diagnostics: what is wrong with the user's plan, where, and what would be valid. Each carries a
 * stable code (tests, JSON consumers and the task pane key on it) and its message in both
 * languages, so the shell chooses the language without re-running the rules.
 */
import { a1 } from "./cell";
import type { FieldKey } from "./fields";

export type Lang = "vi" | "en";
export type Severity = "error" | "warning" | "info";

export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** A finding about one value, before it is placed on a sheet (parsers return these). */
export interface Issue {
  readonly code: string;
  readonly severity: Severity;
  readonly text: Bilingual;
  /** A replacement for the whole cell the user can apply with one click, when one is clear. */
  readonly suggestion?: string | null;
}

/** An issue placed on the workbook: sheet, row, column, field and the value it was found in. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly sheet: string | null;
  readonly row: number | null;
  readonly col: number | null;
  /** A1 address without the sheet ("C12"), null for workbook-level findings. */
  readonly cell: string | null;
  readonly field: FieldKey | null;
  /** The cell's text as the user wrote it (clipped), null when not about one value. */
  readonly value: string | null;
  readonly suggestion: string | null;
  /** The message with its "Sheet!C12: " location prefix. */
  readonly text: Bilingual;
  /** The message alone, for places that already show the location (the Kiểm tra column). */
  readonly detail: Bilingual;
}

export function issue(
  code: string,
  severity: Severity,
  text: Bilingual,
  suggestion: string | null = null,
): Issue {
  return { code, severity, text, suggestion };
}

export interface Place {
  readonly sheet: string | null;
  readonly row: number | null;
  readonly col: number | null;
  readonly field: FieldKey | null;
  readonly value: string | null;
}

/** Places an issue; the message is prefixed with "Sheet!C12: " so it stands on its own. */
export function locate(found: Issue, place: Place): Diagnostic {
  const cell = place.row !== null && place.col !== null ? a1(place.row, place.col) : null;
  const where =
    cell !== null
      ? `${place.sheet !== null ? `${place.sheet}!` : ""}${cell}: `
      : place.sheet
        ? `${place.sheet}: `
        : "";
  return {
    code: found.code,
    severity: found.severity,
    sheet: place.sheet,
    row: place.row,
    col: place.col,
    cell,
    field: place.field,
    value: place.value,
    suggestion: found.suggestion ?? null,
    text: { vi: where + found.text.vi, en: where + found.text.en },
    detail: found.text,
  };
}

export function message(d: { text: Bilingual }, lang: Lang): string {
  return d.text[lang];
}

export function countBySeverity(diags: readonly Diagnostic[]): {
  errors: number;
  warnings: number;
  infos: number;
} {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diags) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by row and column: the order a clerk fixes things in. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/** An input the tool cannot process at all (exit 2): a refusal with both languages. */
export class PlanTrackerError extends Error {
  readonly code: string;
  readonly text: Bilingual;
  constructor(code: string, text: Bilingual) {
    super(text.en);
    this.name = "PlanTrackerError";
    this.code = code;
    this.text = text;
  }
}

/** Quotes a user's value inside a message. */
export function q(value: string): string {
  return `"${value}"`;
}
