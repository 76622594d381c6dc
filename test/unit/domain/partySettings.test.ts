/**
 * The partner station and "Nơi nhận" rows of "Cài đặt": appended after the periodic report's rows
 * (every older cell keeps its address), read back by label wherever they are, absent on older
 * trackers (then the plan's own lines give the defaults, parties.ts).
 */
import type { CellValue } from "../../../src/domain/cell";
import { partiesOf, placeFollowingAgency } from "../../../src/domain/parties";
import { EMPTY_SETTINGS, readSettings, type PlanSettings } from "../../../src/domain/settings";
import type { SheetSpec } from "../../../src/domain/layout/spec";
import {
  newSettingsSheet,
  PARTY_SECTION_ROW,
  PARTY_SETTING_CELLS,
  REPORT_SECTION_ROW,
  REPORT_SETTING_CELLS,
  SETTING_CELLS,
  settingsPatch,
} from "../../../src/domain/tracker/settingsSheet";
import type { SheetData } from "../../../src/domain/workbookData";
import { sheet } from "../../helpers/grid";

function written(spec: SheetSpec): SheetData {
  const rows: CellValue[][] = [];
  for (const c of spec.cells) {
    const row = (rows[c.row - 1] ??= []);
    row[c.col - 1] = c.value ?? null;
  }
  return { name: spec.name, rows: Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null)) };
}

const STATION = "Báo và Phát thanh, Truyền hình Quảng Ngãi";

describe("the partner and recipients rows on a new settings sheet", () => {
  const spec = newSettingsSheet({
    ...EMPTY_SETTINGS,
    agency: "Ủy ban nhân dân xã Ia Tơi",
    place: "Ia Tơi",
    station: STATION,
  });
  const data = written(spec);

  it("come after the report's rows; the older cells keep their addresses", () => {
    expect(SETTING_CELLS.agency).toEqual({ row: 6, col: 2 });
    expect(REPORT_SECTION_ROW).toBe(26);
    expect(REPORT_SETTING_CELLS.signerName).toEqual({ row: 31, col: 2 });
    expect(PARTY_SECTION_ROW).toBe(33);
    expect(PARTY_SETTING_CELLS).toEqual({
      station: { row: 34, col: 2 },
      recipients: { row: 35, col: 2 },
    });
    expect(data.rows[32]?.[0]).toBe("ĐƠN VỊ PHỐI HỢP VÀ NƠI NHẬN — Partner and recipients");
    expect(data.rows[33]?.slice(0, 2)).toEqual([
      "Đơn vị phối hợp (đài, báo) (Partner station)",
      STATION,
    ]);
    expect(data.rows[34]?.slice(0, 2)).toEqual(["Nơi nhận (Recipients)", null]);
    expect(spec.cells.filter((c) => c.row > PARTY_SETTING_CELLS.recipients.row)).toEqual([]);
  });

  it("read back: the station as written, blank recipients as not set", () => {
    const read = readSettings(data);
    expect(read.diagnostics).toEqual([]);
    expect(read.settings.station).toBe(STATION);
    expect(read.settings.recipients).toBeNull();
    expect(read.cells.station).toEqual(PARTY_SETTING_CELLS.station);
    expect(read.cells.recipients).toEqual(PARTY_SETTING_CELLS.recipients);
  });

  it("are written where the sheet has them when asked, and nowhere else", () => {
    const patch = settingsPatch({ station: "Đài PT-TH tỉnh" }, { station: { row: 40, col: 2 } });
    expect(patch?.cells).toEqual([{ row: 40, col: 2, value: "Đài PT-TH tỉnh" }]);
    expect(settingsPatch({ recipients: "Lưu: VT" }, {})).toBeNull();
  });
});

describe("reading the rows by label", () => {
  it("anywhere on the sheet, the recipients one per line or separated by ;", () => {
    const read = readSettings(
      sheet("Cài đặt", [
        ["Nơi nhận (Recipients)", "- Sở Văn hóa, Thể thao và Du lịch (b/c);\n- Lưu: VT."],
        ["Cơ quan ban hành", "UBND phường Hải Châu"],
        ["Partner station", "  Đài Phát thanh và Truyền hình Đà Nẵng "],
      ]),
    );
    expect(read.diagnostics).toEqual([]);
    expect(read.settings.recipients).toEqual(["Sở Văn hóa, Thể thao và Du lịch (b/c)", "Lưu: VT"]);
    expect(read.settings.station).toBe("Đài Phát thanh và Truyền hình Đà Nẵng");
  });

  it("a sheet made before the rows existed reads them as not set", () => {
    const read = readSettings(
      sheet("Cài đặt", [
        ["Năm kế hoạch (Plan year)", 2023],
        ["Cơ quan ban hành (Issuing agency)", "Ủy ban nhân dân huyện Ia H'Drai"],
        ["Địa danh (Place)", "Ia H'Drai"],
      ]),
    );
    expect(read.settings).toMatchObject({ station: null, recipients: null });
  });

  it("a rates row under the section heading is not read as a rate", () => {
    const read = readSettings(
      sheet("Cài đặt", [
        ["Đơn giá theo phút (đồng/phút) — Rate per minute (VND/min)"],
        ["phóng sự", 3_000_000],
        ["ĐƠN VỊ PHỐI HỢP VÀ NƠI NHẬN — Partner and recipients"],
        ["tin", "không phải đơn giá"],
      ]),
    );
    expect(read.diagnostics).toEqual([]);
    expect(read.settings.ratesPerMinute).toEqual({ "phóng sự": 3_000_000 });
  });
});

describe("partiesOf: settings first, then the plan's own lines", () => {
  const plan = {
    titleLines: [
      "ỦY BAN NHÂN DÂN",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "XÃ IA TƠI",
      "KẾ HOẠCH PHỐI HỢP TUYÊN TRUYỀN VỚI BÁO VÀ PHÁT THANH, TRUYỀN HÌNH QUẢNG NGÃI NĂM 2025",
    ],
    items: [{ unit: "Phòng Văn hóa - Xã hội" }],
  };
  it.each<[string, Partial<PlanSettings>, ReturnType<typeof partiesOf>]>([
    [
      "nothing set: all from the plan",
      {},
      {
        agency: "ỦY BAN NHÂN DÂN XÃ IA TƠI",
        agencySource: "plan",
        level: "commune",
        place: "Ia Tơi",
        station: STATION,
      },
    ],
    [
      "the settings win, the place follows the agency set",
      { agency: "UBND phường Cẩm Thành", station: "Đài PT-TH tỉnh", place: " " },
      {
        agency: "UBND phường Cẩm Thành",
        agencySource: "settings",
        level: "ward",
        place: "Cẩm Thành",
        station: "Đài PT-TH tỉnh",
      },
    ],
    [
      "a place written by the clerk is kept",
      { agency: "Ủy ban nhân dân tỉnh Quảng Ngãi", place: "Quảng Ngãi" },
      {
        agency: "Ủy ban nhân dân tỉnh Quảng Ngãi",
        agencySource: "settings",
        level: "province",
        place: "Quảng Ngãi",
        station: STATION,
      },
    ],
  ])("%s", (_, settings, parties) => {
    expect(partiesOf({ ...EMPTY_SETTINGS, ...settings }, plan)).toEqual(parties);
  });

  it("nothing anywhere: no agency, no place, the station from the units", () => {
    expect(
      partiesOf(EMPTY_SETTINGS, {
        titleLines: ["KẾ HOẠCH NĂM 2025"],
        items: [{ unit: null }, { unit: "Đài PT-TH tỉnh" }],
      }),
    ).toEqual({
      agency: null,
      agencySource: null,
      level: null,
      place: null,
      station: "Đài PT-TH tỉnh",
    });
  });
});

describe("placeFollowingAgency: the place follows a new agency unless the clerk typed one", () => {
  it.each<[string, string | null, string | null, string | null, string | undefined]>([
    [
      "the derived place moves",
      "Ủy ban nhân dân huyện Ia H'Drai",
      "Ia H'Drai",
      "Ủy ban nhân dân xã Ia Tơi",
      "Ia Tơi",
    ],
    [
      "a blank place is filled",
      "Ủy ban nhân dân xã Ia Tơi",
      null,
      "UBND phường Hải Châu",
      "Hải Châu",
    ],
    [
      "a place the clerk typed stays",
      "Ủy ban nhân dân xã Ia Tơi",
      "Quảng Ngãi",
      "UBND phường Hải Châu",
      undefined,
    ],
    [
      "the same agency changes nothing",
      "Ủy ban nhân dân xã Ia Tơi",
      null,
      " Ủy ban nhân dân xã Ia Tơi ",
      undefined,
    ],
    [
      "an agency naming no place leaves it",
      "Ủy ban nhân dân xã Ia Tơi",
      "Ia Tơi",
      "Văn phòng HĐND và UBND",
      undefined,
    ],
    ["the first agency of a new sheet", null, null, "Ủy ban nhân dân đặc khu Côn Đảo", "Côn Đảo"],
  ])("%s", (_, agency, place, next, expected) => {
    expect(placeFollowingAgency({ agency, place }, next)).toBe(expected);
  });
});
