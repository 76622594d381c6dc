/**
 * The pane's "Lưu cài đặt" in the open workbook (Office.js, on the wire-level fake Excel): a new
 * agency brings its place along when the place is the one the tool derived, and leaves a place
 * the clerk typed.
 */
import { createExcelHost } from "../../src/taskpane/excelHost";
import { installFakeOffice } from "../fakes/excel";
import { ENV, sampleFake } from "../helpers/officeFake";

const SETTINGS = "'Cài đặt'";

describe("saving the agency from the pane", () => {
  it("moves the derived place to the new agency's, and keeps one the clerk typed", async () => {
    const fake = sampleFake();
    const uninstall = installFakeOffice(globalThis, fake);
    try {
      const host = createExcelHost({
        features: ENV.features,
        toolVersion: "test",
        now: () => new Date(2025, 9, 20),
        debounceMs: 0,
      });
      await host.convert("Kế hoạch");
      expect(fake.values(`${SETTINGS}!B6:B8`).flat()).toEqual([
        "Ủy ban nhân dân huyện Ia H'Drai",
        expect.stringMatching(/^KẾ HOẠCH/),
        "Ia H'Drai",
      ]);
      const save = (agency: string) =>
        host.saveSettings({ planYear: 2023, allocationVnd: null, agency, asOf: null });

      await save("Ủy ban nhân dân xã Ia Tơi");
      expect(fake.values(`${SETTINGS}!B6`)).toEqual([["Ủy ban nhân dân xã Ia Tơi"]]);
      expect(fake.values(`${SETTINGS}!B8`)).toEqual([["Ia Tơi"]]);

      await fake.simulateUserEdit("Cài đặt", "B8", "Quảng Ngãi");
      await save("UBND phường Cẩm Thành");
      expect(fake.values(`${SETTINGS}!B6`)).toEqual([["UBND phường Cẩm Thành"]]);
      expect(fake.values(`${SETTINGS}!B8`)).toEqual([["Quảng Ngãi"]]);
    } finally {
      uninstall();
    }
  });
});
