/**
 * The workbook host behind Microsoft's own Excel JavaScript client (issue 11): a FakeWorkbook
 * answers the RichApi request messages that excel-web-16.00.debug.js sends, from an in-memory
 * workbook model. Product code runs on the real client; the fake is only the Excel at the other
 * end of the wire.
 *
 *   const fake = createFakeWorkbook({ sheets: [{ name: "Kế hoạch", rows: [["STT", "Nội dung"]] }] });
 *   await fake.run((context) => convertToTracker(context, env, {}));   // a real RequestContext
 *   expect(fake.stats.syncCount).toBeLessThanOrEqual(3);                // real requests counted
 *   expect(fake.values("'Kế hoạch'!A1:B1")).toEqual([["STT", "Nội dung"]]);
 *
 * DOM-free and Node-free: it also runs in the task pane page (browser.ts), where the page loads
 * the client from @microsoft/office-js itself.
 */
export * from "./address";
export { displayText, typeIn } from "./cellValues";
export type { HostCall, RuntimeState } from "./call";
export { type ClientConnection, type ClientNamespaces, connectClient } from "./connection";
export { apiName, dispatchRequest, wireName } from "./dispatch";
export * as ExcelEnums from "./enums";
export { FakeOfficeError, type FakeErrorCode } from "./errors";
export { HostCollection, HostObject } from "./hostObject";
export * from "./objects";
export {
  type FakeCommandEvent,
  type FakeOffice,
  type FakeOfficeOptions,
  HostType,
  PlatformType,
  fakeOffice,
  installFakeOffice,
  officeFor,
} from "./office";
export * from "./range";
export * from "./sheet";
export type * from "./state";
export {
  type CellInput,
  type ChangedEvent,
  type ClientFactory,
  FakeWorkbook,
  type FakeWorkbookOptions,
  type SheetSpec,
  type SyncRecord,
  createFakeWorkbook,
  utf8Length,
} from "./workbook";
