/**
 * A faithful in-memory fake of the Excel JavaScript API subset Plan Tracker uses (issue 5).
 *
 *   const fake = createFakeWorkbook({ sheets: [{ name: "Kế hoạch", rows: [["STT", "Nội dung"]] }] });
 *   const uninstall = installFakeOffice(globalThis, fake);   // Excel.run → this workbook
 *   await productCommand();                                  // or fake.run(async (ctx) => …)
 *   expect(fake.stats.syncCount).toBeLessThanOrEqual(3);
 *   expect(fake.values("'Kế hoạch'!A1:B1")).toEqual([["STT", "Nội dung"]]);
 *   uninstall();
 *
 * Dependency-free and DOM-free: it also runs in the task pane page (see browser.ts).
 */
export * from "./address";
export { displayText, typeIn } from "./cellValues";
export { FakeRequestContext, utf8Length } from "./context";
export * as ExcelEnums from "./enums";
export { FakeOfficeError, type FakeErrorCode } from "./errors";
export * from "./objects";
export {
  type FakeCommandEvent,
  type FakeOffice,
  type FakeOfficeOptions,
  HostType,
  OfficeExtensionNamespace,
  PlatformType,
  createExcelNamespace,
  fakeOffice,
  installFakeOffice,
} from "./office";
export { FakeClientObject, FakeClientResult, FakeCollection, type LoadOption } from "./proxy";
export * from "./range";
export * from "./sheet";
export type * from "./state";
export {
  type CellInput,
  type ChangedEvent,
  FakeWorkbook,
  type FakeWorkbookOptions,
  type SheetSpec,
  type SyncRecord,
  createFakeWorkbook,
} from "./workbook";

import type { FakeRequestContext } from "./context";

/** For product functions typed against Office.js: pass a fake context where an Excel one is expected. */
export function asExcelContext(context: FakeRequestContext): Excel.RequestContext {
  return context as unknown as Excel.RequestContext;
}
