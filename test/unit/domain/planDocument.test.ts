import { readFileSync } from "fs";
import { join } from "path";
import fc from "fast-check";
import { parsePlanDocument, type PlanDocItem } from "../../../src/domain/planDocument";
import { squash } from "../../../src/domain/text";

const SAMPLE = readFileSync(join(__dirname, "../../../assets/samples/ke-hoach-2023.txt"), "utf8");
const SAMPLE_UNIT =
  "Đài Phát thanh - Truyền hình tỉnh; Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện";
const ITEM_1 =
  "+ Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023 (01 phóng sự, thời lượng 05 phút).";

function items(text: string): PlanDocItem[] {
  return parsePlanDocument(text).document.items;
}

function codes(text: string): string[] {
  return parsePlanDocument(text).issues.map((i) => i.code);
}

/** What the user's text looks like once lines and spaces are normalised, as the importer sees it. */
function normalised(text: string): string {
  return squash(text.normalize("NFC").replace(/\[bookmark:[^\]\n]*\]/giu, ""));
}

describe("parsePlanDocument on the bundled 2023 Ia H'Drai plan", () => {
  const { document, issues } = parsePlanDocument(SAMPLE);

  const scheduled = document.items.filter((i) => i.recurring === undefined);

  it("finds the ten scheduled reports, then the weekly duty of the prose, and no issues", () => {
    expect(scheduled).toHaveLength(10);
    expect(document.items).toHaveLength(11);
    expect(issues).toEqual([]);
  });

  it("reads the weekly duty said twice (lines 21 and 49) as one recurring item", () => {
    expect(document.items[10]).toEqual({
      periodText: "Hằng tuần",
      title: "Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh",
      countText: null,
      typeText: "tin, phóng sự",
      durationText: null,
      unit: "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông",
      sourceLine: 21,
      recurring: { lines: [21, 49] },
    });
  });

  it("reads the first item as written", () => {
    expect(document.items[0]).toEqual({
      periodText: "Quý I/2023",
      title: "Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023",
      countText: "01",
      typeText: "phóng sự",
      durationText: "05 phút",
      unit: SAMPLE_UNIT,
      sourceLine: 25,
    });
  });

  it("keeps the document's own error 'Quý VI/2023' for items 9 and 10", () => {
    expect(document.items[8]?.periodText).toBe("Quý VI/2023");
    expect(document.items[9]?.periodText).toBe("Quý VI/2023");
  });

  it("reads the no-comma form '(01 phóng sự thời lượng 05 phút)' of item 2", () => {
    expect(document.items[1]).toMatchObject({
      title: "Triển khai xây dựng Nông thôn mới năm 2023",
      countText: "01",
      typeText: "phóng sự",
      durationText: "05 phút",
    });
  });

  it("gives every item the units named after the schedule", () => {
    expect(scheduled.map((i) => i.unit)).toEqual(Array(10).fill(SAMPLE_UNIT));
  });

  it("counts the items per period as scheduled", () => {
    const periods = document.items.map((i) => i.periodText);
    expect(periods).toEqual([
      "Quý I/2023",
      "Quý I/2023",
      "Quý II/2023",
      "Quý II/2023",
      "Quý II/2023",
      "Quý III/2023",
      "Quý III/2023",
      "Quý III/2023",
      "Quý VI/2023",
      "Quý VI/2023",
      "Hằng tuần",
    ]);
  });

  it("reads the title, agency, year and budget note", () => {
    expect(document.title).toBe(
      "Kế hoạch phối hợp tuyên truyền giữa Ủy ban nhân dân huyện với Đài Phát thanh - Truyền hình tỉnh năm 2023",
    );
    expect(document.agency).toBe("Ủy ban nhân dân huyện Ia H'Drai");
    expect(document.year).toBe(2023);
    expect(document.budgetNote).toMatch(
      /^Ủy ban nhân dân huyện giao kinh phí hằng năm cho Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông thực hiện theo quy/,
    );
  });

  it.each([
    ["CRLF line endings", SAMPLE.replace(/\n/g, "\r\n")],
    ["old Mac CR line endings", SAMPLE.replace(/\n/g, "\r")],
    ["NBSP instead of spaces", SAMPLE.replace(/ /g, "\u00a0")],
  ])("reads the same items with %s", (_name, text) => {
    expect(items(text)).toEqual(document.items);
  });

  it("reads the same items when paragraphs are separated by blank lines (Word → text)", () => {
    const spaced = SAMPLE.split("\n").join("\n\n");
    // Line numbers double; the duty's source lines too.
    const strip = ({ sourceLine: _l, recurring: _r, ...rest }: PlanDocItem) => rest;
    expect(items(spaced).map(strip)).toEqual(document.items.map(strip));
    expect(items(spaced)[0]?.sourceLine).toBe(49);
  });

  it("reads decomposed (NFD) text as the same NFC text", () => {
    expect(items(SAMPLE.normalize("NFD"))).toEqual(document.items);
  });
});

describe("parsePlanDocument: schedule variants", () => {
  it.each<[string, string, Partial<PlanDocItem>]>([
    [
      "heading with trailing spaces",
      "- Quý II/2023:   \n+ Đẩy mạnh cải cách hành chính (01 phóng sự, thời lượng 05 phút).",
      { periodText: "Quý II/2023", title: "Đẩy mạnh cải cách hành chính", sourceLine: 2 },
    ],
    [
      "month heading",
      "- Tháng 3/2023:\n+ Kỷ niệm 92 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh 26/3/2023 (01 tin, thời lượng 02 phút).",
      {
        periodText: "Tháng 3/2023",
        title: "Kỷ niệm 92 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh 26/3/2023",
        typeText: "tin",
        durationText: "02 phút",
      },
    ],
    [
      "half-year heading",
      "- 6 tháng đầu năm:\n+ Tuyên truyền bầu cử (02 phóng sự, thời lượng 05 phút).",
      { periodText: "6 tháng đầu năm", countText: "02" },
    ],
    [
      "heading split across two lines",
      "- Quý IV năm\n2023:\n+ Kết quả kinh tế - xã hội nổi bật của huyện năm 2023 (01 phóng sự, thời lượng 05 phút).",
      { periodText: "Quý IV năm 2023", sourceLine: 3 },
    ],
    [
      "split heading with a blank line between (Word paragraphs)",
      "- Quý IV năm\n\n2023:\n\n+ Gương điển hình tiên tiến (01 phóng sự, thời lượng 05 phút).",
      { periodText: "Quý IV năm 2023", title: "Gương điển hình tiên tiến", sourceLine: 5 },
    ],
    [
      "no comma before 'thời lượng'",
      "- Quý II/2023:\n+ Phát triển sản phẩm OCOP gắn với phát triển đàn vật nuôi (01 phóng sự thời lượng 05 phút).",
      { countText: "01", typeText: "phóng sự", durationText: "05 phút" },
    ],
    [
      "NBSP inside the line",
      "-\u00a0Quý\u00a0I/2023:\u00a0\n+\u00a0Kỷ niệm 08 năm\u00a0Ngày thành lập huyện 11/03/2023 (01\u00a0phóng sự, thời lượng 05\u00a0phút).",
      {
        periodText: "Quý I/2023",
        title: "Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023",
        durationText: "05 phút",
      },
    ],
    [
      "bookmark prefixes from the conversion",
      "[bookmark: page2]- Quý III/2023: \n[bookmark: _GoBack]+ Tích cực thực hiện chuyển đổi số (01 phóng sự, thời lượng 05 phút).",
      { periodText: "Quý III/2023", title: "Tích cực thực hiện chuyển đổi số" },
    ],
    [
      "'•' bullet",
      "- Quý I/2023:\n• Triển khai xây dựng Nông thôn mới năm 2023 (01 phóng sự, thời lượng 05 phút).",
      { title: "Triển khai xây dựng Nông thôn mới năm 2023" },
    ],
    [
      "'◦' bullet",
      "- Quý I/2023:\n◦ Triển khai xây dựng Nông thôn mới năm 2023 (01 phóng sự, thời lượng 05 phút).",
      { title: "Triển khai xây dựng Nông thôn mới năm 2023" },
    ],
    [
      "'-' bullet under a heading",
      "- Quý I/2023:\n- Triển khai xây dựng Nông thôn mới năm 2023 (01 phóng sự, thời lượng 05 phút).",
      { periodText: "Quý I/2023", title: "Triển khai xây dựng Nông thôn mới năm 2023" },
    ],
    [
      "item on the heading's own line",
      `- Quý I/2023: ${ITEM_1}`,
      {
        periodText: "Quý I/2023",
        title: "Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023",
        sourceLine: 1,
      },
    ],
    [
      "a date range in parentheses stays in the title",
      "- Quý II/2023:\n+ Kỷ niệm 112 năm Ngày Bác Hồ ra đi tìm đường cứu nước (05/6/1911-05/6/2023).",
      {
        title: "Kỷ niệm 112 năm Ngày Bác Hồ ra đi tìm đường cứu nước (05/6/1911-05/6/2023)",
        countText: null,
        typeText: null,
        durationText: null,
      },
    ],
    [
      "parentheses inside the title before the product",
      "- Quý II/2023:\n+ Kỷ niệm 112 năm (05/6/1911-05/6/2023) (01 phóng sự, thời lượng 05 phút).",
      { title: "Kỷ niệm 112 năm (05/6/1911-05/6/2023)", countText: "01" },
    ],
    [
      "item without a product parenthesis",
      "- Quý I/2023:\n+ Đẩy mạnh cải cách hành chính.",
      { title: "Đẩy mạnh cải cách hành chính", countText: null, durationText: null },
    ],
    [
      "heading 'Qúy' misspelt, kept as written",
      "- Qúy IV/2023:\n+ Gương người tốt, việc tốt (01 phóng sự, thời lượng 05 phút).",
      { periodText: "Qúy IV/2023" },
    ],
  ])("%s", (_name, text, expected) => {
    const result = parsePlanDocument(text);
    expect(result.issues).toEqual([]);
    expect(result.document.items).toHaveLength(1);
    expect(result.document.items[0]).toMatchObject(expected);
  });

  it("names the unit of every item of the block from the unit line after it", () => {
    const text = [
      "- Quý I/2023:",
      ITEM_1,
      "- Quý II/2023:",
      "+ Đẩy mạnh cải cách hành chính (01 phóng sự, thời lượng 05 phút).",
      "* Đơn vị thực hiện: Đài Phát thanh - Truyền hình tỉnh; Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện. ",
      "- Quý III/2023:",
      "+ Tích cực thực hiện chuyển đổi số (01 tin, thời lượng 02 phút).",
      "* Đơn vị thực hiện: Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện.",
    ].join("\n");
    expect(items(text).map((i) => i.unit)).toEqual([
      SAMPLE_UNIT,
      SAMPLE_UNIT,
      "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện",
    ]);
  });

  it("leaves the unit empty when the plan names none", () => {
    expect(items(`- Quý I/2023:\n${ITEM_1}`)[0]?.unit).toBeNull();
  });

  it("stops the schedule at the next numbered section", () => {
    const text = `- Quý I/2023:\n${ITEM_1}\n4. Kinh phí thực hiện:\n- Theo quy định hiện hành.`;
    expect(items(text)).toHaveLength(1);
  });
});

describe("parsePlanDocument: issues", () => {
  it("reports an error with the expected structure when there are no items", () => {
    const result = parsePlanDocument("KẾ HOẠCH\nTuyên truyền năm 2023\n- Quý I: làm phóng sự.");
    expect(result.document.items).toEqual([]);
    expect(result.issues).toHaveLength(1);
    const [found] = result.issues;
    expect(found?.code).toBe("import.no-items");
    expect(found?.severity).toBe("error");
    // The example is one any office's plan could hold, not the sample district's.
    const example =
      "+ Kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam 03/02/2023 (01 phóng sự, thời lượng 05 phút).";
    expect(found?.text.vi).toContain(example);
    expect(found?.text.vi).toContain("- Quý I/2023:");
    expect(found?.text.en).toContain(example);
    expect(found?.text.vi).not.toMatch(/huyện/u);
  });

  it.each([[""], ["\n\n"], ["Trên đây là Kế hoạch./."]])("reports no items for %j", (text) => {
    expect(codes(text)).toEqual(["import.no-items"]);
  });

  it("warns about a period with no items under it", () => {
    const text = `- Quý I/2023:\n- Quý II/2023:\n${ITEM_1}`;
    const result = parsePlanDocument(text);
    expect(result.document.items).toHaveLength(1);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([
      ["import.empty-period", "warning"],
    ]);
    expect(result.issues[0]?.text.vi).toContain("Dòng 1");
    expect(result.issues[0]?.text.en).toContain('"Quý I/2023"');
  });

  it("warns about the last period when nothing follows it", () => {
    expect(codes(`- Quý I/2023:\n${ITEM_1}\n- Quý VI/2023:\n`)).toEqual(["import.empty-period"]);
  });

  it("imports an item outside any period with an empty period and a warning", () => {
    const result = parsePlanDocument(ITEM_1);
    expect(result.document.items).toEqual([
      expect.objectContaining({
        periodText: "",
        title: "Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023",
      }),
    ]);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([
      ["import.item-without-period", "warning"],
    ]);
  });

  it("does not take ordinary '-' bullets outside a period for items", () => {
    const text = `- Tuyên truyền, phổ biến các chủ trương của Đảng.\n- Quý I/2023:\n${ITEM_1}`;
    expect(parsePlanDocument(text).issues).toEqual([]);
    expect(items(text)).toHaveLength(1);
  });
});

describe("parsePlanDocument: header fields", () => {
  it("reads a one-line title in capitals as written", () => {
    const doc = parsePlanDocument(
      "KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024\n- Quý I/2024:\n" + ITEM_1,
    ).document;
    expect(doc.title).toBe("KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024");
    expect(doc.year).toBe(2024);
  });

  it("has no title, agency, year or budget note when the text names none", () => {
    const doc = parsePlanDocument(`- Quý I/2023:\n${ITEM_1}`).document;
    expect(doc).toMatchObject({ title: null, agency: null, year: null, budgetNote: null });
  });

  it("reads the agency from a header in capitals", () => {
    const doc = parsePlanDocument("ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI\nKẾ HOẠCH\nnăm 2023").document;
    expect(doc.agency).toBe("ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI");
  });

  // Since July 2025 the issuer is a commune, ward, special zone or province: none is assumed.
  it.each<[string, string, string | null]>([
    [
      "a commune's two-line header, the motto after it",
      "ỦY BAN NHÂN DÂN\nXÃ IA TƠI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKẾ HOẠCH\nnăm 2025",
      "ỦY BAN NHÂN DÂN XÃ IA TƠI",
    ],
    [
      "a ward's header on one line",
      "UBND PHƯỜNG HẢI CHÂU\nKẾ HOẠCH TUYÊN TRUYỀN NĂM 2025",
      "UBND PHƯỜNG HẢI CHÂU",
    ],
    [
      "a special zone named in the text",
      "KẾ HOẠCH NĂM 2025\nỦy ban nhân dân đặc khu Côn Đảo xây dựng kế hoạch như sau:",
      "Ủy ban nhân dân đặc khu Côn Đảo",
    ],
    [
      "the commune, not the province its Căn cứ line cites first",
      "KẾ HOẠCH NĂM 2025\nCăn cứ Kế hoạch số 120/KH-UBND của Ủy ban nhân dân tỉnh Quảng Ngãi;\nỦy ban nhân dân xã Ia Tơi xây dựng kế hoạch:",
      "Ủy ban nhân dân xã Ia Tơi",
    ],
    [
      "a province's own plan",
      "KẾ HOẠCH NĂM 2025\nỦy ban nhân dân tỉnh Quảng Ngãi ban hành kế hoạch; Ủy ban nhân dân các xã, phường thực hiện.",
      "Ủy ban nhân dân tỉnh Quảng Ngãi",
    ],
    [
      "the seed's district, named only in its Căn cứ line",
      "KẾ HOẠCH\nCăn cứ Chương trình số 02/CTr-UBND-PTTH của Đài Phát thanh - Truyền hình tỉnh và Ủy ban nhân dân huyện Ia H'Drai;",
      "Ủy ban nhân dân huyện Ia H'Drai",
    ],
    ["a header with no unit under it", "ỦY BAN NHÂN DÂN\nKẾ HOẠCH NĂM 2025", null],
  ])("reads the agency: %s", (_, text, agency) => {
    expect(parsePlanDocument(text).document.agency).toBe(agency);
  });
});

describe("parsePlanDocument: properties", () => {
  const FRAGMENTS = [
    "- Quý I/2023:",
    "- Quý VI/2023: ",
    "- Quý IV năm",
    "2023:",
    "- 6 tháng đầu năm:",
    ITEM_1,
    "+ (01 phóng sự, thời lượng 05 phút).",
    "+ Tin (từ 21/9 đến 26/9/2023)",
    "* Đơn vị thực hiện: Đài Phát thanh - Truyền hình tỉnh.",
    "4. Kinh phí thực hiện:",
    "III. TỔ CHỨC THỰC HIỆN",
    "KẾ HOẠCH",
    "[bookmark: page2]",
    "",
    "\u00a0",
    "(",
    ")",
    "thời lượng",
  ];
  const line = fc.oneof(
    fc.constantFrom(...FRAGMENTS),
    fc.string({ unit: "binary" }),
    fc
      .array(fc.constantFrom(...FRAGMENTS, " ", "x", "(", ")", ":", "+", "-", "\u0301"))
      .map((parts) => parts.join("")),
  );
  const document = fc
    .tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom("\n", "\r\n", "\r", "\n\n"))
    .map(([lines, eol]) => lines.join(eol));

  it("never throws on arbitrary Unicode text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        parsePlanDocument(text);
      }),
    );
  });

  it("never invents text: every title is in the input, and every line number exists", () => {
    fc.assert(
      fc.property(document, (text) => {
        const result = parsePlanDocument(text);
        const lineCount = text.split(/\r\n?|\n/).length;
        for (const item of result.document.items) {
          expect(normalised(text)).toContain(item.title);
          expect(normalised(text)).toContain(item.periodText);
          expect(item.sourceLine).toBeGreaterThanOrEqual(1);
          expect(item.sourceLine).toBeLessThanOrEqual(lineCount);
        }
        expect(result.issues.some((i) => i.code === "import.no-items")).toBe(
          result.document.items.length === 0,
        );
      }),
      { numRuns: 500 },
    );
  });
});
