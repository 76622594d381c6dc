import fc from "fast-check";
import { docxTables, MAX_TABLE_COLUMNS } from "../../../src/domain/docxTables";
import { decodeXmlText, scanXml, XmlError } from "../../../src/domain/xmlScan";
import { documentXmlOf, paragraphsXml, tableXml, type DocxCell } from "../../helpers/docx";

function events(xml: string): string[] {
  const out: string[] = [];
  scanXml(xml, {
    open: (name, attrs, self) =>
      out.push(`<${name}${[...attrs].map(([k, v]) => ` ${k}=${v}`).join("")}${self ? "/" : ""}>`),
    close: (name) => out.push(`</${name}>`),
    text: (t) => out.push(t),
  });
  return out;
}

function refusal(xml: string): string {
  try {
    scanXml(xml, { open: () => undefined, close: () => undefined, text: () => undefined });
  } catch (err) {
    expect(err).toBeInstanceOf(XmlError);
    return (err as XmlError).why;
  }
  throw new Error("expected a refusal");
}

describe("scanXml", () => {
  it("reads tags, attributes, text, entities and CDATA in document order", () => {
    expect(
      events(
        `<?xml version="1.0"?><!-- c --><w:p a='1' w:val="x &amp; y"><w:t>Quý I &lt;2024&gt; &#272;&#x1ea1;i</w:t><w:br/><![CDATA[a<b]]></w:p>`,
      ),
    ).toEqual([
      "<w:p a=1 w:val=x & y>",
      "<w:t>",
      "Quý I <2024> Đại",
      "</w:t>",
      "<w:br/>",
      "</w:br>",
      "a<b",
      "</w:p>",
    ]);
  });

  it.each([
    ['<!DOCTYPE w [<!ENTITY a "aaaa">]><w/>', "a DOCTYPE or other declaration"],
    ["<w:p><w:t>x</w:p>", "mismatched </w:p>"],
    ["<w:p>", "unclosed <w:p>"],
    ["<w:p a=1/>", "an unquoted attribute"],
    ["text<w/>", "text outside the root"],
    ["<w:p a='<'/>", "< in an attribute"],
    ["<w/><!-- open", "unclosed comment"],
  ])("refuses %j (%s)", (xml, why) => {
    expect(refusal(xml)).toBe(why);
  });

  it.each([
    ["&amp;&lt;&gt;&quot;&apos;", "&<>\"'"],
    ["&#x110000;", "&#x110000;"],
    ["&#xD800;", "&#xD800;"],
    ["&nbsp; stays", "&nbsp; stays"],
    ["a & b", "a & b"],
  ])("decodes %j as %j", (raw, text) => {
    expect(decodeXmlText(raw)).toBe(text);
  });

  it("never fails with anything but XmlError, on any input", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("<", ">", "/", "a", "=", '"', " ", "!", "?", "&", ";", "-"),
        }),
        (s) => {
          try {
            scanXml(s, { open: () => undefined, close: () => undefined, text: () => undefined });
          } catch (err) {
            if (!(err instanceof XmlError)) throw err;
          }
        },
      ),
    );
  });
});

const start = (text: string) => ({ text, vMerge: "restart" as const });

function grid(cells: readonly (readonly DocxCell[])[]) {
  const [table] = docxTables(documentXmlOf(tableXml(cells)));
  return table!.sheet;
}

describe("docxTables", () => {
  it("lays a two-row merged header on the grid: gridSpan across, vMerge down", () => {
    const sheet = grid([
      [
        { text: "STT", vMerge: "restart" },
        { text: "Nội dung", vMerge: "restart" },
        { text: "Sản phẩm", span: 2 },
        { text: "Đơn vị thực hiện", vMerge: "restart" },
      ],
      [
        { vMerge: "continue" },
        { vMerge: "continue" },
        "Số lượng",
        "Thời lượng",
        { vMerge: "continue" },
      ],
      ["1", "Phóng sự kỷ niệm", "01 phóng sự", "05 phút", "Trung tâm VH-TT-DL&TT"],
    ]);
    expect(sheet.name).toBe("Bảng 1");
    expect(sheet.rows).toEqual([
      ["STT", "Nội dung", "Sản phẩm", null, "Đơn vị thực hiện"],
      [null, null, "Số lượng", "Thời lượng"],
      ["1", "Phóng sự kỷ niệm", "01 phóng sự", "05 phút", "Trung tâm VH-TT-DL&TT"],
    ]);
    expect([...(sheet.merges ?? [])].sort()).toEqual(["A1:A2", "B1:B2", "C1:D1", "E1:E2"]);
  });

  it("merges a unit cell down over three item rows, and a section row across", () => {
    const sheet = grid([
      ["STT", "Nội dung", "Thời gian", "Đơn vị"],
      ["I", { text: "QUÝ I", span: 3 }],
      ["1", "Tin A", "Quý I/2024", { text: "Đài PT-TH tỉnh", vMerge: "restart" }],
      ["2", "Tin B", "Quý I/2024", { vMerge: "continue" }],
      ["3", "Tin C", "Quý I/2024", { vMerge: "continue" }],
    ]);
    expect(sheet.rows[2]).toEqual(["1", "Tin A", "Quý I/2024", "Đài PT-TH tỉnh"]);
    expect(sheet.rows[3]).toEqual(["2", "Tin B", "Quý I/2024"]);
    expect([...(sheet.merges ?? [])].sort()).toEqual(["B2:D2", "D3:D5"]);
  });

  it("does not carry a vertical merge across a row where a wider cell covers its column", () => {
    const sheet = grid([
      ["1", start("Đài PT-TH tỉnh")],
      [{ text: "QUÝ II", span: 2 }],
      ["2", { vMerge: "continue" }],
    ]);
    expect(sheet.rows).toEqual([["1", "Đài PT-TH tỉnh"], ["QUÝ II"], ["2"]]);
    expect(sheet.merges).toEqual(["A2:B2"]);
  });

  it("reads an old-style hMerge, a row that starts past the grid, and cell text as Word shows it", () => {
    const xml = documentXmlOf(
      tableXml(
        [
          { cells: [{ text: "Tổng", hMerge: "restart" }, { hMerge: "continue" }, "60.000.000"] },
          { cells: ["Quý II"], gridBefore: 2 },
        ],
        3,
      ),
    );
    const [table] = docxTables(xml);
    expect(table!.sheet.rows).toEqual([
      ["Tổng", null, "60.000.000"],
      [null, null, "Quý II"],
    ]);
    expect(table!.sheet.merges).toEqual(["A1:B1"]);
  });

  it("keeps what the page shows: tabs and breaks, not deleted text, field codes or fallbacks", () => {
    const cell =
      `<w:tc><w:p><w:r><w:t>Kỷ niệm</w:t><w:tab/><w:t>ngày</w:t><w:br/><w:t>thành lập</w:t></w:r>` +
      `<w:del><w:r><w:delText>XÓA</w:delText></w:r></w:del>` +
      `<w:r><w:instrText>PAGE</w:instrText></w:r>` +
      `<mc:AlternateContent><mc:Choice><w:r><w:t> huyện</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t> huyện</w:t></w:r></mc:Fallback></mc:AlternateContent>` +
      `</w:p><w:p/><w:p><w:r><w:t xml:space="preserve">11/03/2024 </w:t></w:r></w:p></w:tc>`;
    const xml = documentXmlOf(
      `<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>${cell}</w:tr></w:tbl>`,
    );
    expect(docxTables(xml)[0]!.sheet.rows).toEqual([
      ["Kỷ niệm ngày\nthành lập huyện\n\n11/03/2024"],
    ]);
  });

  it("numbers top-level tables only; a nested table's text joins its outer cell", () => {
    const inner = tableXml([["a", "b"]]);
    const outer = `<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>${paragraphsXml("ngoài")}${inner}<w:p/></w:tc></w:tr></w:tbl>`;
    const tables = docxTables(documentXmlOf(paragraphsXml("Kế hoạch") + outer + tableXml([["x"]])));
    expect(tables.map((t) => t.index)).toEqual([1, 2]);
    expect(tables[0]!.sheet.rows).toEqual([["ngoài\na\nb"]]);
    expect(tables[1]!.sheet.name).toBe("Bảng 2");
  });

  it("caps a crafted gridSpan at the widest table a plan can be", () => {
    const [table] = docxTables(documentXmlOf(tableXml([[{ text: "x", span: 1_000_000 }, "y"]], 2)));
    const sheet = table!.sheet;
    expect(sheet.merges).toEqual([`A1:${"IV"}1`]);
    expect(sheet.rows[0]).toEqual(["x"]);
    expect(MAX_TABLE_COLUMNS).toBe(256);
  });

  it("places every cell at the grid column its row's spans give it (property)", () => {
    const cellArb = fc.record({
      text: fc.stringMatching(/^[A-Za-zÀ-ỹ0-9 ]{1,8}$/).map((s) => s.trim() || "x"),
      span: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cellArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const sheet = grid(rows);
          rows.forEach((row, r) => {
            let col = 1;
            for (const c of row) {
              expect(sheet.rows[r]?.[col - 1]).toBe(c.text);
              for (let k = 1; k < c.span; k++)
                expect(sheet.rows[r]?.[col - 1 + k] ?? null).toBeNull();
              if (c.span > 1)
                expect(sheet.merges).toContain(
                  `${letter(col)}${r + 1}:${letter(col + c.span - 1)}${r + 1}`,
                );
              col += c.span;
            }
          });
        },
      ),
    );
  });
});

function letter(col: number): string {
  return String.fromCharCode(64 + col);
}
