/**
 * Generated plan workbooks for the benchmark: the standard plan sheet `import` writes (title,
 * merged title row, header on row 4, bordered wrapped cells), filled with realistic Vietnamese
 * strings — periods "Quý I/2023", "tháng 3/2023", event dates in titles, "05 phút",
 * "15.000.000", producing units — and a few real mistakes ("Quý VI/2023", "10-15 phút").
 * Files are cached in .bench/ by size and GENERATOR_VERSION (generation is not what we measure).
 */
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const ExcelJS = require("exceljs");
const { planWorkbookLayout } = require("../../dist/domain/planWorkbook.js");
const { applyLayout } = require("../../dist/adapters/exceljs/applyLayout.js");

export const GENERATOR_VERSION = 3;

// Most rows are written the usual way; every 20th row uses one of the other forms clerks write,
// a few of them mistakes ("Quý VI/2023", "10-15 phút"), so about 5% of rows have a finding.
const PERIODS = ["Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023"];
const ODD_PERIODS = [
  "quý II năm 2023",
  "Qúy IV/2023",
  "tháng 3/2023",
  "Tháng 7 – 9",
  "6 tháng đầu năm",
  "Quý 1/2023",
  "Q3/2023",
  "Quý VI/2023",
];
// By quarter, so that a title's event date falls in its row's period, as in a real plan.
const TOPICS = [
  [
    "Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023",
    "Triển khai xây dựng Nông thôn mới năm 2023",
    "Gương điển hình phụ nữ làm kinh tế giỏi",
  ],
  [
    "Kỷ niệm 08 năm thành lập Đảng bộ huyện Ia H'Drai 17/04/2023",
    "Phát triển sản phẩm OCOP gắn với phát triển đàn vật nuôi",
    "Kỷ niệm 133 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890-19/5/2023)",
    "Đẩy mạnh cải cách hành chính",
  ],
  [
    "Đẩy mạnh trồng rừng, chăm sóc và bảo vệ rừng",
    "Tuần lễ văn hóa các dân tộc (từ 21/9 đến 26/9/2023)",
    "Tích cực thực hiện chuyển đổi số",
  ],
  [
    "Gương điển hình tiên tiến, người tốt, việc tốt",
    "Kết quả kinh tế - xã hội nổi bật của huyện năm 2023",
  ],
];
const TYPES = ["Phóng sự", "phóng sự", "tin", "bài", "chuyên mục", "tin, bài"];
const DURATIONS = ["05 phút", "5 phút", "10 phút", "15 giây", "00:05:00"];
const ODD_DURATIONS = ["5 phut", "1 giờ 30 phút", "10-15 phút", "3'"];
const UNITS = [
  "Đài Phát thanh - Truyền hình tỉnh",
  "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện",
  "Văn phòng HĐND-UBND huyện",
  "Phòng Tài chính - Kế hoạch",
  "Phòng Giáo dục và Đào tạo",
];
const BUDGETS = ["15.000.000", "15.000.000 đồng", "500.000 đ", "2,5 triệu đồng", 12000000, null];

const odd = (i) => i % 20 === 7;
const oddOf = (list, i) => list[Math.floor(i / 20) % list.length];

/** The plan document of `n` items (deterministic), numbered from `first` + 1. */
export function planDocument(n, first = 0) {
  const items = [];
  for (let i = first; i < first + n; i++) {
    items.push({
      periodText: odd(i) ? oddOf(ODD_PERIODS, i) : PERIODS[i % PERIODS.length],
      title: `${TOPICS[i % 4][Math.floor(i / 4) % TOPICS[i % 4].length]} – số ${i + 1}`,
      countText: String(1 + (i % 3)).padStart(2, "0"),
      typeText: TYPES[i % TYPES.length],
      durationText: odd(i + 3) ? oddOf(ODD_DURATIONS, i) : DURATIONS[i % DURATIONS.length],
      unit: UNITS[i % UNITS.length],
      sourceLine: i + 1,
    });
  }
  return {
    title: "KẾ HOẠCH PHỐI HỢP TUYÊN TRUYỀN NĂM 2023",
    agency: "Ủy ban nhân dân huyện Ia H'Drai",
    year: 2023,
    budgetNote: null,
    items,
  };
}

/** The standard plan workbook of `n` items, with budgets and notes filled in. */
export function planWorkbook(n, index = 0) {
  const layout = planWorkbookLayout(planDocument(n));
  const [sheet] = layout.sheets;
  const cells = sheet.cells.map((c) => {
    if (c.row <= 4) return c;
    const i = c.row - 5 + index;
    if (c.col === 8) return { ...c, value: BUDGETS[i % BUDGETS.length] };
    if (c.col === 9 && i % 7 === 0) return { ...c, value: "Phối hợp với các xã" };
    return c;
  });
  const wb = new ExcelJS.Workbook();
  applyLayout(wb, { ...layout, sheets: [{ ...sheet, cells }] });
  return wb;
}

/** Path of the cached plan of `n` rows, written on first use. */
export async function planFile(dir, n) {
  const path = join(dir, `plan-${n}-v${GENERATOR_VERSION}.xlsx`);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp`;
    await planWorkbook(n).xlsx.writeFile(tmp);
    renameSync(tmp, path);
  }
  return path;
}

const { buildTracker } = require("../../dist/domain/tracker/track.js");
const { workbookData } = require("../../dist/adapters/exceljs/readWorkbook.js");

const AS_OF = "2023-09-20";

/** A tracker made from a generated plan, as `track` makes it (loaded back, then converted). */
async function trackerWorkbook(n, index) {
  const plan = planWorkbook(n, index);
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.load(await plan.xlsx.writeBuffer());
  const result = buildTracker(workbookData(loaded), {
    today: AS_OF,
    asOf: AS_OF,
    allocationVnd: 150_000_000 + index * 1_000_000,
    agency: `Ủy ban nhân dân xã Thử ${index + 1}`,
    toolVersion: "bench",
  });
  applyLayout(loaded, result.layout);
  return loaded;
}

/** Path of the cached tracker of `n` items. */
export async function trackerFile(dir, n) {
  const path = join(dir, `tracker-${n}-v${GENERATOR_VERSION}.xlsx`);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp`;
    await (await trackerWorkbook(n, 0)).xlsx.writeFile(tmp);
    renameSync(tmp, path);
  }
  return path;
}

/** Paths of `count` commune trackers of 10–59 items each (a province's roll-up). */
export async function communeTrackers(dir, count) {
  const folder = join(dir, `communes-v${GENERATOR_VERSION}`);
  mkdirSync(folder, { recursive: true });
  const paths = [];
  for (let d = 0; d < count; d++) {
    const path = join(folder, `xa-${String(d + 1).padStart(3, "0")}.xlsx`);
    if (!existsSync(path)) {
      const tmp = `${path}.tmp`;
      await (await trackerWorkbook(10 + ((d * 7) % 50), d)).xlsx.writeFile(tmp);
      renameSync(tmp, path);
    }
    paths.push(path);
  }
  return paths;
}
