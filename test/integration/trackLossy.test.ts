/**
 * `track` must not silently rewrite a workbook whose parts an exceljs rewrite would drop
 * (../shared/corpus, files marked `lossy`): it refuses (exit 2) with a message naming what would be
 * lost and pointing to --force-lossy and the add-in, leaves the input byte-identical and writes
 * nothing. The refusal is about the file, so it comes before any "not a plan" message.
 * With --force-lossy on a lossy plan workbook, the tracker is written and stderr says what was
 * dropped.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { inspectPackage } from "../../src/node/xlsxPackage";
import { SAMPLE_HEADER } from "../helpers/grid";
import { runTrack } from "../helpers/track";
import { tempDir, writeWorkbook } from "../helpers/xlsx";
import { CORPUS, corpusManifest, MANIFEST } from "../helpers/shared";

function lossyFiles(): string[] {
  const rows = corpusManifest();
  if (rows.length === 0) {
    // Fail, not skip: without the corpus this test would prove nothing.
    throw new Error(
      `The shared corpus is missing: expected ${MANIFEST} (../shared/corpus next to the repository).`,
    );
  }
  return rows.filter((r) => r.expect === "lossy").map((r) => r.file);
}

const LOSSY = lossyFiles();

describe("track refuses every lossy corpus file", () => {
  const tmp = tempDir("pt-lossy-");
  afterAll(() => tmp.cleanup());

  it("finds the corpus's lossy files", () => {
    expect(LOSSY.length).toBeGreaterThanOrEqual(50);
  });

  it.each(LOSSY)("%s", async (name) => {
    const dir = join(tmp.dir, name.replace(/\W+/g, "_"));
    mkdirSync(dir);
    const input = join(dir, name);
    copyFileSync(join(CORPUS, "xlsx", name), input);
    const before = readFileSync(input);

    const vi = await runTrack({ plan: input }, { cwd: dir });
    expect({ code: vi.code, errorCode: vi.errorCode }).toEqual({
      code: 2,
      errorCode: "track.lossy",
    });
    expect(vi.stdout).toBe("");
    // One clear paragraph: what would be lost, the add-in, --force-lossy; never "not a plan".
    const message = vi.stderr.trim();
    expect(message).not.toMatch(/\n/);
    expect(message).toContain("--force-lossy");
    expect(message).toMatch(/add-in/i);
    expect(message).not.toMatch(/kế hoạch trong sổ|không phải bảng kế hoạch|not a plan/i);
    const lost = /sẽ bị mất: (.+?)\. Hãy dùng add-in/.exec(message);
    expect(lost).not.toBeNull();
    expect(lost![1]!.trim().length).toBeGreaterThan(0);
    // Every part the package inspection finds is named.
    const report = await inspectPackage(before, name);
    expect(report.lossy.length).toBeGreaterThan(0);
    for (const p of report.lossy) expect(message).toContain(p.vi);

    const en = await runTrack({ plan: input, lang: "en" }, { cwd: dir });
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/would lose: .+--force-lossy/);
    expect(en.stderr).toMatch(/add-in/);
    for (const p of report.lossy) expect(en.stderr).toContain(p.en);

    // --in-place is refused the same way, before any backup is made.
    const inPlace = await runTrack({ plan: input, inPlace: true }, { cwd: dir });
    expect(inPlace.errorCode).toBe("track.lossy");

    expect(readFileSync(input).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual([name]);
  });
});

describe("track --force-lossy on a lossy plan workbook", () => {
  const tmp = tempDir("pt-force-");
  afterAll(() => tmp.cleanup());

  /** A plan workbook with custom document properties (docProps/custom.xml), which exceljs drops. */
  async function lossyPlan(path: string): Promise<void> {
    const plain = join(tmp.dir, "plain.xlsx");
    await writeWorkbook(plain, [
      {
        name: "Kế hoạch",
        rows: [
          ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2023"],
          [],
          SAMPLE_HEADER,
          [
            1,
            "Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023",
            "Quý I/2023",
            "01",
            "phóng sự",
            "05 phút",
            "Trung tâm VH-TT-DL&TT",
            "15.000.000",
            null,
          ],
          [
            2,
            "Phát triển sản phẩm OCOP",
            "Quý II/2023",
            "01",
            "phóng sự",
            "05 phút",
            "Phòng NN&PTNT",
            "15.000.000",
            null,
          ],
        ],
      },
    ]);
    const zip = await JSZip.loadAsync(readFileSync(plain));
    zip.file(
      "docProps/custom.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Phòng ban"><vt:lpwstr>Văn phòng HĐND-UBND</vt:lpwstr></property></Properties>`,
    );
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
      ),
    );
    const rels = await zip.file("_rels/.rels")!.async("string");
    zip.file(
      "_rels/.rels",
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
      ),
    );
    writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  }

  it("refuses without the flag, then writes the tracker and says what was dropped", async () => {
    const input = join(tmp.dir, "plan.xlsx");
    await lossyPlan(input);
    const before = readFileSync(input);
    const report = await inspectPackage(before, "plan.xlsx");
    expect(report.lossy.length).toBeGreaterThan(0);

    const refused = await runTrack({ plan: input }, { cwd: tmp.dir });
    expect(refused.errorCode).toBe("track.lossy");
    expect(refused.stderr).toContain("--force-lossy");
    expect(existsSync(join(tmp.dir, "plan.tracker.xlsx"))).toBe(false);

    const forced = await runTrack({ plan: input, forceLossy: true }, { cwd: tmp.dir });
    expect(forced.code).toBe(0);
    const output = join(tmp.dir, "plan.tracker.xlsx");
    expect(forced.outcome?.output).toBe(output);
    for (const p of report.lossy) expect(forced.stderr).toContain(`Đã bỏ (--force-lossy): ${p.vi}`);
    expect(forced.stdout).toContain("Đã tạo sổ theo dõi");
    // The input is untouched; the tracker holds the plan plus the tracker columns.
    expect(readFileSync(input).equals(before)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    expect(wb.getWorksheet("Kế hoạch")!.getCell("J3").value).toBe("Hạn hoàn thành");
    expect(wb.getWorksheet("Kế hoạch")!.getCell("B4").value).toBe(
      "Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023",
    );
    const out = await JSZip.loadAsync(readFileSync(output));
    expect(out.file("docProps/custom.xml")).toBeNull();
    // The tracker itself is not lossy: a re-run needs no flag.
    expect((await inspectPackage(readFileSync(output), "plan.tracker.xlsx")).lossy).toEqual([]);

    const en = await runTrack(
      { plan: input, forceLossy: true, force: true, lang: "en" },
      { cwd: tmp.dir },
    );
    expect(en.code).toBe(0);
    for (const p of report.lossy) expect(en.stderr).toContain(`Dropped (--force-lossy): ${p.en}`);
  });
});
