/** "Nơi nhận": the clerk's list, or a default for the agency's level; "Lưu: VT" always last. */
import { parseRecipients, recipientLines } from "../../../src/domain/recipients";

const STATION = "Báo và Phát thanh, Truyền hình Quảng Ngãi";

describe("recipientLines: defaults by level", () => {
  it.each<[string, string | null, string | null, string[]]>([
    [
      "a commune reports to the provincial department of culture, with its partner station",
      "Ủy ban nhân dân xã Ia Tơi",
      STATION,
      [
        "- Sở Văn hóa, Thể thao và Du lịch (b/c);",
        "- Thường trực Đảng ủy, HĐND xã (b/c);",
        "- Chủ tịch, các PCT UBND xã;",
        "- Phòng Kinh tế;",
        `- ${STATION};`,
        "- Lưu: VT.",
      ],
    ],
    [
      "a ward: its economy office is Kinh tế, Hạ tầng và Đô thị",
      "UBND phường Hải Châu",
      null,
      [
        "- Sở Văn hóa, Thể thao và Du lịch (b/c);",
        "- Thường trực Đảng ủy, HĐND phường (b/c);",
        "- Chủ tịch, các PCT UBND phường;",
        "- Phòng Kinh tế, Hạ tầng và Đô thị;",
        "- Lưu: VT.",
      ],
    ],
    [
      "a special zone",
      "Ủy ban nhân dân đặc khu Côn Đảo",
      null,
      [
        "- Sở Văn hóa, Thể thao và Du lịch (b/c);",
        "- Thường trực Đảng ủy, HĐND đặc khu (b/c);",
        "- Chủ tịch, các PCT UBND đặc khu;",
        "- Phòng Kinh tế;",
        "- Lưu: VT.",
      ],
    ],
    [
      "the Phú Quốc special zone, organised like a ward",
      "UBND đặc khu Phú Quốc",
      null,
      [
        "- Sở Văn hóa, Thể thao và Du lịch (b/c);",
        "- Thường trực Đảng ủy, HĐND đặc khu (b/c);",
        "- Chủ tịch, các PCT UBND đặc khu;",
        "- Phòng Kinh tế, Hạ tầng và Đô thị;",
        "- Lưu: VT.",
      ],
    ],
    [
      "a province reports to the Ministry",
      "Ủy ban nhân dân tỉnh Quảng Ngãi",
      STATION,
      [
        "- Bộ Văn hóa, Thể thao và Du lịch (b/c);",
        "- Thường trực Tỉnh ủy, HĐND tỉnh (b/c);",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- Sở Tài chính;",
        `- ${STATION};`,
        "- Lưu: VT.",
      ],
    ],
    [
      "a centrally run city",
      "UBND thành phố Đà Nẵng",
      null,
      [
        "- Bộ Văn hóa, Thể thao và Du lịch (b/c);",
        "- Thường trực Thành ủy, HĐND thành phố (b/c);",
        "- Chủ tịch, các PCT UBND thành phố;",
        "- Sở Tài chính;",
        "- Lưu: VT.",
      ],
    ],
    [
      "a provincial department",
      "Sở Văn hóa, Thể thao và Du lịch",
      STATION,
      [
        "- UBND tỉnh (b/c);",
        "- Bộ Văn hóa, Thể thao và Du lịch (b/c);",
        `- ${STATION};`,
        "- Lưu: VT.",
      ],
    ],
    [
      "a district (the 2023 sample): the list such reports had then",
      "Ủy ban nhân dân huyện Ia H'Drai",
      "Đài Phát thanh - Truyền hình tỉnh",
      [
        "- Thường trực Huyện ủy, HĐND huyện (b/c);",
        "- Chủ tịch, các PCT UBND huyện;",
        "- Phòng Tài chính - Kế hoạch;",
        "- Lưu: VT.",
      ],
    ],
    [
      "a town (thị xã) of that time",
      "UBND thị xã Ayun Pa",
      null,
      [
        "- Thường trực Thị ủy, HĐND thị xã (b/c);",
        "- Chủ tịch, các PCT UBND thị xã;",
        "- Phòng Tài chính - Kế hoạch;",
        "- Lưu: VT.",
      ],
    ],
    [
      "an agency the tool cannot place: a line to fill in by hand",
      null,
      null,
      ["- ……………………;", "- Lưu: VT."],
    ],
  ])("%s", (_, agency, station, lines) => {
    expect(recipientLines(null, agency, station, "vi")).toEqual(lines);
  });

  it("says the same in English", () => {
    expect(recipientLines(null, "Ủy ban nhân dân xã Ia Tơi", STATION, "en")).toEqual([
      "- Department of Culture, Sports and Tourism (for information);",
      "- Party Committee and People's Council (for information);",
      "- Chair and Vice-chairs of the People's Committee;",
      "- Economy Office;",
      `- ${STATION};`,
      "- File.",
    ]);
    // The 2023 sample's English list is unchanged.
    expect(recipientLines(null, "Ủy ban nhân dân huyện Ia H'Drai", null, "en")).toEqual([
      "- District Party Committee and People's Council;",
      "- Chair and Vice-chairs of the People's Committee;",
      "- Finance-Planning Office;",
      "- File.",
    ]);
  });
});

describe("the clerk's list", () => {
  it.each<[string, string | null, string[] | null]>([
    [
      "separated by ;",
      "Sở Văn hóa, Thể thao và Du lịch (b/c); UBND tỉnh (b/c); Lưu: VT",
      ["Sở Văn hóa, Thể thao và Du lịch (b/c)", "UBND tỉnh (b/c)", "Lưu: VT"],
    ],
    [
      "one per line, as on a document",
      "- Như trên;\n- Đài PT-TH tỉnh;\r\n- Lưu: VT, VHXH.",
      ["Như trên", "Đài PT-TH tỉnh", "Lưu: VT, VHXH"],
    ],
    ["blank", "  \n ; ", null],
    ["no cell", null, null],
  ])("%s", (_, text, entries) => {
    expect(parseRecipients(text)).toEqual(entries);
  });

  it("is printed as written, with Lưu: VT added when missing", () => {
    expect(
      recipientLines(["Như trên", "Đài PT-TH tỉnh"], "Ủy ban nhân dân xã Ia Tơi", STATION, "vi"),
    ).toEqual(["- Như trên;", "- Đài PT-TH tỉnh;", "- Lưu: VT."]);
    expect(recipientLines(["UBND tỉnh (b/c)", "Lưu: VT, VHXH"], null, null, "vi")).toEqual([
      "- UBND tỉnh (b/c);",
      "- Lưu: VT, VHXH.",
    ]);
  });
});
