/**
 * Which changes the live re-check answers. enableEvents is per runtime (review item 3): when the
 * ribbon converts in its own runtime, its writes reach the pane's onChanged handler, and
 * triggerSource ("ThisLocalAddin") exists only from ExcelApi 1.14. Every cell the tool writes on
 * the plan sheet after the first convert lies in its computed columns (Kiểm tra, due date, the
 * values), so a change only there is the tool's own — from any runtime, on any Excel — and is
 * ignored: no re-check storm, and no pane write while a ribbon convert is in flight.
 */
import { columnNumber } from "../domain/cell";
import { COMPUTED_FIELDS } from "../domain/fields";
import type { TrackerMetadata } from "../domain/tracker/metadata";

/** The columns (1-based) whose cells the tool computes on this tracker. */
export function computedColumns(meta: TrackerMetadata | null): ReadonlySet<number> {
  if (!meta) return new Set();
  const owned = new Set(meta.ownedColumns);
  return new Set(
    COMPUTED_FIELDS.filter((f) => owned.has(f))
      .map((f) => meta.columns[f])
      .filter((c): c is number => c !== undefined),
  );
}

/**
 * Whether a changed address ("'Kế hoạch'!J5:J200", "A7:C9, L12", "5:5") lies wholly in the tool's
 * computed columns. Whole rows, whole sheets and anything unreadable count as the clerk's.
 */
export function onlyComputedColumns(address: string, computed: ReadonlySet<number>): boolean {
  if (computed.size === 0) return false;
  const parts = address.replace(/^.*!/, "").split(",");
  return parts.every((part) => {
    const m = /^\$?([A-Z]{1,3})\$?\d*(?::\$?([A-Z]{1,3})\$?\d*)?$/i.exec(part.trim());
    if (!m) return false;
    const from = columnNumber((m[1] ?? "").toUpperCase());
    const to = columnNumber((m[2] ?? m[1] ?? "").toUpperCase());
    for (let c = Math.min(from, to); c <= Math.max(from, to); c++)
      if (!computed.has(c)) return false;
    return true;
  });
}
