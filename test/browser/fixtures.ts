/**
 * Inputs for the browser suite, made the way a clerk would make them: the sample plan imported by
 * the real CLI (`node bin/plan-tracker.js import`), the same plan with the two "Quý VI/2023"
 * suggestions applied, a Word file, and a plan full of hostile cell content.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { buildDocx, buildDocxBody, paragraphsXml, tableXml } from "../helpers/docx";
import { SAMPLE_HEADER } from "../helpers/grid";
import { type FakeSheet, TIMEZONE } from "./harness";
import { CLI, ROOT, SAMPLE_PLAN_TEXT } from "./paths";

export const PLAN_SHEET = "Kế hoạch";
/** The two real typos of the 2023 plan, and what the check suggests. */
export const TYPO_CELLS = ["C13", "C14"] as const;
export const TYPO = "Quý VI/2023";
export const FIX = "Quý IV/2023";

/**
 * The real CLI (`node bin/plan-tracker.js …`, as built by `npm run build:cli`) on a fixed day: its
 * clock is frozen like the page's (test/browser/frozen-clock.mjs), so "today" is the same in both.
 */
export function runCli(
  args: readonly string[],
  now: string,
): { code: number | null; stdout: string; stderr: string } {
  const clock = pathToFileURL(join(ROOT, "test/browser/frozen-clock.mjs")).href;
  const r = spawnSync(process.execPath, ["--import", clock, CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, PT_FROZEN_NOW: now, TZ: TIMEZONE, PLAN_TRACKER_DEBUG: "" },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function samplePlanText(): string {
  return readFileSync(SAMPLE_PLAN_TEXT, "utf8");
}

/** `plan-tracker import` of the bundled sample: the plan workbook a clerk starts from. */
export function samplePlanXlsx(dir: string): string {
  const out = join(dir, "plan.xlsx");
  execFileSync(process.execPath, [CLI, "import", SAMPLE_PLAN_TEXT, "-o", out, "--force"], {
    stdio: "pipe",
  });
  return out;
}

/** The plan with the suggestions typed in, as a clerk would in Excel. */
export async function fixedPlanXlsx(plan: string, dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(plan);
  const ws = wb.getWorksheet(PLAN_SHEET);
  if (!ws) throw new Error(`no sheet ${PLAN_SHEET} in ${plan}`);
  for (const cell of TYPO_CELLS) {
    if (ws.getCell(cell).value !== TYPO) throw new Error(`${cell} is not "${TYPO}"`);
    ws.getCell(cell).value = FIX;
  }
  const out = join(dir, "plan-fixed.xlsx");
  await wb.xlsx.writeFile(out);
  return out;
}

export async function samplePlanDocx(dir: string): Promise<string> {
  const out = join(dir, "ke-hoach-2023.docx");
  writeFileSync(out, await buildDocx(samplePlanText()));
  return out;
}

/**
 * A Word plan whose schedule is a table (issue 12): a two-row merged header, section rows that
 * carry the period, a unit merged down over the items and a total row; three items.
 */
export async function tablePlanDocx(dir: string): Promise<string> {
  const out = join(dir, "ke-hoach-bang.docx");
  const unit = "Trung tâm VH-TT-DL&TT";
  const table = tableXml([
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
    ["I", { text: "Quý I/2024", span: 4 }],
    [
      "1",
      "Kỷ niệm Ngày thành lập huyện 11/03/2024",
      "01 phóng sự",
      "05 phút",
      { text: unit, vMerge: "restart" },
    ],
    ["2", "Tin phòng chống cháy rừng", "02 tin", "03 phút", { vMerge: "continue" }],
    ["II", { text: "Quý VI/2024", span: 4 }],
    ["3", "Tổng kết năm", "01 phóng sự", "05 phút", unit],
    [{ text: "Tổng cộng", span: 2 }, "04", "", ""],
  ]);
  const body = paragraphsXml("KẾ HOẠCH\nTuyên truyền năm 2024") + table;
  writeFileSync(out, await buildDocxBody(body));
  return out;
}

/** A workbook's sheet as data for the fake Excel API (values as stored, merges). */
export async function fakeSheetFromXlsx(path: string, sheet = PLAN_SHEET): Promise<FakeSheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet} in ${path}`);
  const rows: FakeSheet["rows"] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const values: FakeSheet["rows"][number] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      values[c - 1] =
        typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
    });
    rows[r - 1] = Array.from(values, (v) => v ?? null);
  });
  const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  return { name: sheet, rows: Array.from(rows, (r) => r ?? []), merges };
}

/** Cell content that must stay inert text wherever the pane shows it. */
export const HOSTILE = {
  img: "<img src=x onerror=alert(1)>",
  imgFlag: '<img src=x onerror="window.__pwned=1">',
  script: "<script>window.__pwned=1</script>",
  hyperlink: '=HYPERLINK("http://evil","x")',
  long: `Nội dung rất dài ${"Tuyên truyền ".repeat(400)}`.slice(0, 5000),
  longWord: "X".repeat(5000),
  arabic: "تقرير عن التنمية الاقتصادية 2023",
  hebrew: "דוח התקדמות רבעוני",
  emoji: "Phóng sự 📺🎉👩🏽‍🌾 Quý I",
} as const;

/**
 * A plan whose texts (and some periods, so the diagnostics list repeats them) are hostile:
 * markup, a formula typed as text and a real HYPERLINK formula, a 5 000-character string and a
 * 5 000-character word, right-to-left Arabic and Hebrew, emoji.
 */
export const HOSTILE_PLAN: FakeSheet = {
  name: PLAN_SHEET,
  rows: [
    ["Kế hoạch <b>thử</b> " + HOSTILE.img],
    [],
    [...SAMPLE_HEADER],
    [
      1,
      HOSTILE.img,
      "Quý I/2023",
      "01",
      "phóng sự",
      "05 phút",
      HOSTILE.script,
      1000000,
      HOSTILE.imgFlag,
    ],
    [
      2,
      HOSTILE.hyperlink,
      HOSTILE.img,
      "01",
      "phóng sự",
      "05 phút",
      "Đài",
      1000000,
      HOSTILE.hyperlink,
    ],
    [3, HOSTILE.long, HOSTILE.longWord, "01", "phóng sự", "05 phút", "Đài", 1000000, HOSTILE.long],
    [
      4,
      HOSTILE.arabic,
      HOSTILE.hebrew,
      "01",
      "phóng sự",
      "05 phút",
      HOSTILE.arabic,
      1000000,
      HOSTILE.hebrew,
    ],
    [
      5,
      HOSTILE.emoji,
      `${HOSTILE.emoji}/2023`,
      "01",
      "tin 📰",
      "05 phút",
      "Đài 📡",
      1000000,
      HOSTILE.emoji,
    ],
    [6, "Gương điển hình", "Quý VI/2023", "01", "phóng sự", "05 phút", "Đài", 1000000, ""],
  ],
};

/**
 * The hostile plan as an .xlsx, with a real HYPERLINK formula besides the typed text, and
 * optionally a second sheet named `extraSheet`.
 */
export async function hostilePlanXlsx(dir: string, extraSheet?: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(PLAN_SHEET);
  HOSTILE_PLAN.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== "") ws.getCell(r + 1, c + 1).value = v;
    }),
  );
  ws.getCell("I5").value = { formula: 'HYPERLINK("http://evil","x")', result: "x" };
  if (extraSheet) wb.addWorksheet(extraSheet).getCell("A1").value = HOSTILE.img;
  const out = join(dir, "hostile.xlsx");
  await wb.xlsx.writeFile(out);
  return out;
}
