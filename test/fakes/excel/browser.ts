/**
 * Browser bundle entry: the browser test suite loads Microsoft's client
 * (excel-web-16.00.debug.js) into the task pane page first, then this bundle, then builds a
 * workbook and installs `window.Excel` / `window.Office` from it:
 *
 *   const fake = PlanTrackerFake.createFakeWorkbook({ sheets: [...] });
 *   PlanTrackerFake.installFakeOffice(window, fake, { displayLanguage: "vi-VN" });
 *
 * The pane then talks to the fake through Microsoft's code, as it talks to Excel. A page holds
 * one copy of the client, so one runtime (the pane). Plain TS, no Node APIs.
 */
import { type ClientNamespaces, connectClient } from "./connection";
import {
  ExcelEnums,
  FakeOfficeError,
  FakeWorkbook,
  createFakeWorkbook,
  fakeOffice,
  installFakeOffice,
} from "./core";

FakeWorkbook.clientFactory = (fake, name) => {
  // Read when connecting: the page loads the client after this bundle.
  const page = globalThis as unknown as Partial<ClientNamespaces>;
  const { Excel: clientExcel, OfficeExtension: clientExtension } = page;
  if (!clientExcel || !clientExtension) {
    throw new Error("FakeExcel: load excel-web-16.00.debug.js into the page before the fake");
  }
  return connectClient({ Excel: clientExcel, OfficeExtension: clientExtension }, fake, name);
};

export const PlanTrackerFake = {
  createFakeWorkbook,
  installFakeOffice,
  fakeOffice,
  FakeWorkbook,
  FakeOfficeError,
  ExcelEnums,
};

(globalThis as unknown as { PlanTrackerFake: typeof PlanTrackerFake }).PlanTrackerFake =
  PlanTrackerFake;
