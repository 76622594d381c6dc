/**
 * Protected sheets and a protected workbook structure (review item 11). Excel checks protection
 * operation by operation and its batches are not transactional, so a write that meets a locked
 * cell half-way leaves a half-converted sheet. The protection is read in the first sync
 * (read.ts) and the command refuses before it writes anything, naming the sheet and what to do.
 */
import { PlanTrackerError } from "../../domain/diagnostics";
import type { WorkbookLayout } from "../../domain/layout/spec";
import type { Discovery } from "./read";

function same(a: string, b: string): boolean {
  return a.toLocaleUpperCase("vi") === b.toLocaleUpperCase("vi");
}

export function isSheetProtected(discovery: Discovery, sheet: string): boolean {
  return discovery.protectedSheets.some((s) => same(s, sheet));
}

/** The refusal for a protected sheet the command must write. */
export function protectedSheetError(sheet: string): PlanTrackerError {
  return new PlanTrackerError("sheet.protected", {
    vi: `Trang tính "${sheet}" đang được bảo vệ (Xem lại › Bảo vệ Trang tính), nên Plan Tracker không thể ghi vào đó; chưa có ô nào bị thay đổi. Hãy bỏ bảo vệ (Xem lại › Bỏ bảo vệ Trang tính), chạy lại, rồi bảo vệ lại nếu cần.`,
    en: `The sheet "${sheet}" is protected (Review › Protect Sheet), so Plan Tracker cannot write to it; nothing was changed. Unprotect it (Review › Unprotect Sheet), run again, then protect it again if you need to.`,
  });
}

/** The refusal for a protected workbook structure when the command adds or replaces sheets. */
export function protectedStructureError(sheets: readonly string[]): PlanTrackerError {
  const list = sheets.map((s) => `"${s}"`).join(", ");
  return new PlanTrackerError("workbook.structure-protected", {
    vi: `Cấu trúc sổ tính đang được bảo vệ (Xem lại › Bảo vệ Sổ làm việc), nên Plan Tracker không thể thêm hay thay các trang ${list}; chưa có ô nào bị thay đổi. Hãy bỏ bảo vệ cấu trúc, chạy lại, rồi bảo vệ lại nếu cần.`,
    en: `The workbook's structure is protected (Review › Protect Workbook), so Plan Tracker cannot add or replace the sheets ${list}; nothing was changed. Unprotect the structure, run again, then protect it again if you need to.`,
  });
}

/**
 * What in `layout` protection forbids, as the error to raise before writing (null: nothing).
 * Every sheet the layout writes cells on must be unprotected; a layout that adds, deletes,
 * renames or moves sheets needs an unprotected structure (a convert always does: it replaces
 * the summary sheets and moves the metadata sheet).
 */
export function protectionRefusal(
  layout: WorkbookLayout,
  discovery: Discovery,
): PlanTrackerError | null {
  const exists = (name: string): boolean => discovery.sheets.some((s) => same(s.name, name));
  const written = layout.sheets.filter(
    (spec) => !(spec.mode === "create-if-missing" && exists(spec.name)),
  );
  const locked = written.find(
    (spec) => exists(spec.name) && isSheetProtected(discovery, spec.name),
  );
  if (locked) return protectedSheetError(locked.name);
  if (!discovery.structureProtected) return null;
  const structural = [
    ...(layout.renames ?? []).map((r) => r.from),
    ...written.filter((spec) => spec.mode !== "patch").map((spec) => spec.name),
  ];
  return structural.length > 0 ? protectedStructureError([...new Set(structural)]) : null;
}
