/**
 * The agency's level and place from its name as written: the two levels since 1 July 2025
 * (province; commune, ward, special zone) and the district-level names of older plans.
 */
import {
  agencyFrom,
  agencyLevel,
  agencyUnit,
  placeFromDateLine,
  placeOf,
  type AgencyLevel,
} from "../../../src/domain/agency";

describe("agencyLevel and placeOf", () => {
  it.each<[string, AgencyLevel | null, string | null]>([
    // Since July 2025.
    ["Ủy ban nhân dân xã Ia Tơi", "commune", "Ia Tơi"],
    ["UBND xã Ia Tơi", "commune", "Ia Tơi"],
    ["ỦY BAN NHÂN DÂN XÃ IA TƠI", "commune", "Ia Tơi"],
    ["UBND xã Ia Tơi, tỉnh Quảng Ngãi", "commune", "Ia Tơi"],
    ["Ủy ban nhân dân xã Ia Tơi tỉnh Quảng Ngãi", "commune", "Ia Tơi"],
    ["UBND xa Ia Toi", "commune", "Ia Toi"],
    ["ỦY BAN NHÂN DÂN XÃ M'ĐRẮK", "commune", "M'Đrắk"],
    ["UBND phường Hải Châu", "ward", "Hải Châu"],
    ["Ủy ban nhân dân phường Sài Gòn", "ward", "Sài Gòn"],
    ["đặc khu Phú Quốc", "special-zone", "Phú Quốc"],
    ["Đặc khu Côn Đảo", "special-zone", "Côn Đảo"],
    ["Ủy ban nhân dân đặc khu Lý Sơn", "special-zone", "Lý Sơn"],
    ["Ủy ban nhân dân tỉnh Quảng Ngãi", "province", "Quảng Ngãi"],
    ["UBND TỈNH GIA LAI", "province", "Gia Lai"],
    ["UBND thành phố Đà Nẵng", "province", "Đà Nẵng"],
    ["UBND THÀNH PHỐ HUẾ", "province", "Huế"],
    // Named after a person: the full name (Nghị định 30/2020).
    ["Ủy ban nhân dân thành phố Hồ Chí Minh", "province", "Thành phố Hồ Chí Minh"],
    ["Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi", "province", "Quảng Ngãi"],
    ["Sở Văn hóa, Thể thao và Du lịch", "province", null],
    // Before July 2025.
    ["Ủy ban nhân dân huyện Ia H'Drai", "district", "Ia H'Drai"],
    ["ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI", "district", "Ia H'Drai"],
    ["UBND thị xã Ayun Pa", "district", "Ayun Pa"],
    ["UBND thành phố Kon Tum", "district", "Kon Tum"],
    ["UBND thành phố Thủ Đức", "district", "Thủ Đức"],
    ["UBND thị trấn Sa Thầy", "commune", "Sa Thầy"],
    // Named by a number: with its unit word.
    ["UBND Phường 12, Quận 3", "ward", "Phường 12"],
    ["Ủy ban nhân dân Quận 1", "district", "Quận 1"],
    // "Xã hội" names no commune; the unit after it does.
    ["Phòng Văn hóa - Xã hội xã Ia Tơi", "commune", "Ia Tơi"],
    [
      "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện Ia H'Drai",
      "district",
      "Ia H'Drai",
    ],
    // No unit with a name.
    ["Ủy ban nhân dân các xã, thị trấn", null, null],
    ["Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện", null, null],
    ["Văn phòng HĐND và UBND", null, null],
    ["", null, null],
  ])("%j → %s, place %j", (agency, level, place) => {
    expect(agencyLevel(agency)).toBe(level);
    expect(placeOf(agency)).toBe(place);
  });

  it("says which units no longer exist and keeps the name as written", () => {
    expect(agencyUnit("ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI")).toEqual({
      level: "district",
      unit: "huyện",
      name: "IA H'DRAI",
      historic: true,
    });
    expect(agencyUnit("UBND thị trấn Sa Thầy")).toMatchObject({ level: "commune", historic: true });
    expect(agencyUnit("Ủy ban nhân dân xã Ia Tơi")).toMatchObject({
      unit: "xã",
      historic: false,
    });
    expect(agencyUnit(null)).toBeNull();
  });

  it("reads a name typed in lower case when nothing better is there", () => {
    expect(placeOf("ubnd xã ia tơi")).toBe("ia tơi");
  });
});

describe("agencyFrom: the issuing agency among the lines above a table", () => {
  it.each<[string, (string | null)[], string | null]>([
    [
      "the seed's plan sheet",
      ["Ủy ban nhân dân huyện Ia H'Drai", "KẾ HOẠCH PHỐI HỢP"],
      "Ủy ban nhân dân huyện Ia H'Drai",
    ],
    [
      "a header over two rows, the motto between (one entry per cell, row by row)",
      [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "XÃ IA TƠI",
        "Độc lập - Tự do - Hạnh phúc",
      ],
      "ỦY BAN NHÂN DÂN XÃ IA TƠI",
    ],
    [
      "a superior agency above the issuing one",
      ["UBND TỈNH KON TUM", "ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI", "KẾ HOẠCH"],
      "ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI",
    ],
    ["a ward", [null, "UBND phường Hải Châu", "Kế hoạch năm 2025"], "UBND phường Hải Châu"],
    ["a header with nothing under it", ["ỦY BAN NHÂN DÂN", "KẾ HOẠCH NĂM 2025"], "ỦY BAN NHÂN DÂN"],
    ["no agency", ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2025"], null],
  ])("%s", (_, lines, agency) => {
    expect(agencyFrom(lines)).toBe(agency);
  });
});

describe("placeFromDateLine", () => {
  it.each<[string, string | null]>([
    ["Ia H'Drai, ngày 05 tháng 12 năm 2023", "Ia H'Drai"],
    ["Ia Tơi, ngày 10 tháng 01 năm 2025", "Ia Tơi"],
    ["Thành phố Hồ Chí Minh, ngày 3 tháng 7 năm 2025", "Thành phố Hồ Chí Minh"],
    ["……, ngày … tháng … năm 2025", null],
    ["KẾ HOẠCH NĂM 2025", null],
  ])("%j → %j", (line, place) => {
    expect(placeFromDateLine(["ỦY BAN NHÂN DÂN", line])).toBe(place);
  });
});
