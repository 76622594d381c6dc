/**
 * Browser bundle entry: the browser test suite injects the bundle into the task pane page and
 * then builds a workbook and installs `window.Excel` / `window.Office` from it:
 *
 *   const fake = PlanTrackerFake.createFakeWorkbook({ sheets: [...] });
 *   PlanTrackerFake.installFakeOffice(window, fake, { displayLanguage: "vi-VN" });
 *
 * Plain TS, no Node APIs: bundle with webpack + ts-loader. `globalThis` is `window` in a page.
 */
import {
  ExcelEnums,
  FakeOfficeError,
  FakeWorkbook,
  createExcelNamespace,
  createFakeWorkbook,
  fakeOffice,
  installFakeOffice,
} from "./index";

export const PlanTrackerFake = {
  createFakeWorkbook,
  installFakeOffice,
  fakeOffice,
  createExcelNamespace,
  FakeWorkbook,
  FakeOfficeError,
  ExcelEnums,
};

(globalThis as unknown as { PlanTrackerFake: typeof PlanTrackerFake }).PlanTrackerFake =
  PlanTrackerFake;
