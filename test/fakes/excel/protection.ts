/**
 * What a protected sheet or a protected workbook structure refuses, checked before each operation
 * of a request (as Excel does, so the operations before it stay applied: review item 11).
 *
 * - Structure (Review › Protect Workbook): adding, deleting, renaming, moving, hiding or showing
 *   sheets.
 * - A protected sheet (Excel's defaults: every cell locked): any write to its cells, formats,
 *   validations, conditional formats, tables, charts or merges. Selecting, activating, calculating,
 *   reading, freezing panes and page setup stay allowed, and so does the protection itself.
 * Both answer AccessDenied, "You cannot perform the requested operation.".
 */
import { FakeOfficeError } from "./errors";
import type { OperationKind } from "./dispatch";
import type { HostObject } from "./hostObject";
import type { SheetState } from "./state";

/** Methods that write nothing: allowed on a protected sheet. */
const HARMLESS_METHODS = new Set([
  "activate",
  "select",
  "calculate",
  "getCount",
  "getItemAt",
  "load",
  "track",
  "untrack",
]);
/** Objects a protected sheet leaves writable. */
const UNPROTECTED_TYPES = new Set(["WorksheetProtection", "WorksheetFreezePanes", "PageLayout"]);
/** Worksheet properties that are the workbook structure's, not the sheet's. */
const STRUCTURE_PROPS = new Set(["name", "position", "visibility"]);

function isSheet(t: unknown): t is SheetState {
  return (
    !!t && typeof t === "object" && (t as SheetState).cells instanceof Map && "visibility" in t
  );
}

/** The sheet an object belongs to: its own model object, a range's sheet, a table's… */
function sheetOf(obj: HostObject): SheetState | null {
  for (let o: HostObject | null = obj; o; o = o._parent) {
    const t = o._bound;
    if (isSheet(t)) return t;
    const owner = (t as { sheet?: unknown } | null)?.sheet;
    if (isSheet(owner)) return owner;
  }
  return null;
}

function operationName(what: string): string {
  return what.slice(what.lastIndexOf(".") + 1);
}

function deny(what: string, detail: string): never {
  throw new FakeOfficeError("AccessDenied", { location: what, detail });
}

export function checkProtection(
  structureProtected: boolean,
  what: string,
  obj: HostObject,
  kind: OperationKind,
): void {
  const name = operationName(what);
  const structural =
    what === "WorksheetCollection.add" ||
    (obj._typeName === "Worksheet" &&
      (name === "delete" || name === "copy" || (kind === "set" && STRUCTURE_PROPS.has(name))));
  if (structural) {
    if (structureProtected) deny(what, "the workbook's structure is protected");
    return;
  }
  // An object-path method only navigates (getRange, getItem…) unless it creates something.
  if (kind === "path" && !/^add/i.test(name)) return;
  if (kind === "method" && HARMLESS_METHODS.has(name)) return;
  if (UNPROTECTED_TYPES.has(obj._typeName)) return;
  const sheet = obj.isNull ? null : sheetOf(obj);
  if (sheet?.protected) deny(what, `the sheet ${sheet.name} is protected`);
}
