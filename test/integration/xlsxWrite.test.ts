/**
 * src/node/xlsxWrite.ts writes exceljs's own parts with Node's zlib and renders worksheets
 * through a chunked XmlStream. The package must hold exactly what exceljs's writeBuffer writes:
 * the same entries, in the same order, each with the same uncompressed bytes — on a small
 * workbook, on a sheet large enough to be joined in many chunks, and with comments, hyperlinks
 * and rich text (the parts and XML paths around the worksheets).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { xlsxBytes } from "../../src/node/xlsxWrite";

async function entries(bytes: Uint8Array): Promise<[string, string][]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: [string, string][] = [];
  for (const [name, file] of Object.entries(zip.files))
    out.push([name, file.dir ? "" : await file.async("string")]);
  return out;
}

function fixedDates(wb: ExcelJS.Workbook): ExcelJS.Workbook {
  // docProps/core.xml carries these; the two writers run at different moments.
  wb.created = new Date(Date.UTC(2023, 8, 20, 9, 0, 0));
  wb.modified = new Date(Date.UTC(2023, 8, 20, 9, 0, 0));
  return wb;
}

async function sameAsExcelJs(make: () => ExcelJS.Workbook): Promise<void> {
  // A workbook per writer: writing prepares exceljs's model in place.
  const ours = await entries(await xlsxBytes(fixedDates(make())));
  const theirs = await entries(new Uint8Array(await fixedDates(make()).xlsx.writeBuffer()));
  expect(ours.map(([n]) => n)).toEqual(theirs.map(([n]) => n));
  for (let i = 0; i < ours.length; i++) expect(ours[i]).toEqual(theirs[i]);
}

describe("xlsxBytes writes what exceljs writes", () => {
  it("a small plan sheet", async () => {
    await sameAsExcelJs(() => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Kế hoạch");
      ws.addRow(["STT", "Nội dung", "Thời gian"]);
      ws.addRow([1, "Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023", "Quý I/2023"]);
      ws.addRow([2, 'Tuần lễ <văn hóa> & "dân tộc"', "Quý VI/2023"]);
      return wb;
    });
  });

  it("a 6 000-row sheet joined in many chunks, with styles, formulas, merges and rules", async () => {
    await sameAsExcelJs(() => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Kế hoạch");
      ws.mergeCells("A1:F1");
      ws.getCell("A1").value = "KẾ HOẠCH PHỐI HỢP TUYÊN TRUYỀN NĂM 2023";
      ws.getCell("A1").font = { bold: true, size: 14 };
      for (let r = 2; r < 6000; r++) {
        const row = ws.getRow(r);
        row.values = [
          r - 1,
          `Phóng sự số ${r} – 🎥 עברית`,
          `Quý ${["I", "II", "III", "IV"][r % 4]}/2023`,
          new Date(Date.UTC(2023, r % 12, 1 + (r % 28))),
          15_000_000 + r,
        ];
        row.getCell(6).value = { formula: `E${r}*2`, result: (15_000_000 + r) * 2 };
        row.getCell(4).numFmt = "dd/mm/yyyy";
        row.getCell(5).numFmt = '#,##0 "đ"';
      }
      // Not in exceljs's typings, but what applyLayout uses for a range rule.
      (
        ws as unknown as {
          dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
        }
      ).dataValidations.add("C2:C5999", {
        type: "list",
        allowBlank: true,
        formulae: ['"Quý I/2023,Quý II/2023,Quý III/2023,Quý IV/2023"'],
      });
      ws.addConditionalFormatting({
        ref: "A2:F5999",
        rules: [
          {
            type: "expression",
            priority: 1,
            formulae: ["$D2<TODAY()"],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } },
          },
        ],
      });
      ws.views = [{ state: "frozen", ySplit: 1 }];
      wb.addWorksheet("Cài đặt").addRow(["Năm kế hoạch", 2023]);
      return wb;
    });
  });

  it("comments, hyperlinks and rich text", async () => {
    await sameAsExcelJs(() => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Kế hoạch");
      ws.getCell("A1").value = {
        richText: [{ text: "Kinh phí ", font: { bold: true } }, { text: "(đồng)" }],
      };
      ws.getCell("B2").value = { text: "Đài tỉnh", hyperlink: "https://example.gov.vn/" };
      ws.getCell("C3").value = "Ghi chú";
      ws.getCell("C3").note = "Văn thư nhập ngày phát sóng";
      return wb;
    });
  });
});
