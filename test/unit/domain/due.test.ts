import fc from "fast-check";
import { toIso } from "../../../src/domain/calendar";
import { dueDate, eventOutsidePeriod, findEventDate } from "../../../src/domain/due";
import { parsePeriod, type Period } from "../../../src/domain/period";

const PLAN = { planYear: 2023 };

function period(text: string, planYear: number | null = 2023): Period {
  const v = parsePeriod(text, { planYear }).value;
  if (v === null) throw new Error(`test setup: ${text} is not a period`);
  return v;
}

describe("findEventDate", () => {
  // The seed plan's ten titles, as written under section II.3.
  it.each<[string, string | null]>([
    [
      "Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023 (01 phóng sự, thời lượng 05 phút).",
      "2023-03-11",
    ],
    ["Triển khai xây dựng Nông thôn mới năm 2023 (01 phóng sự thời lượng 05 phút).", null],
    [
      "Kỷ niệm 08 năm thành lập Đảng bộ huyện Ia H'Drai 17/04/2023 (01 phóng sự, thời lượng 05 phút).",
      "2023-04-17",
    ],
    [
      "Phát triển sản phẩm OCOP gắn với phát triển đàn vật nuôi (01 phóng sự thời lượng 05 phút).",
      null,
    ],
    ["Đẩy mạnh cải cách hành chính (01 phóng sự, thời lượng 05 phút).", null],
    ["Đẩy mạnh trồng rừng, chăm sóc và bảo vệ rừng (01 phóng sự, thời lượng 05 phút).", null],
    ["Gương điển hình phụ nữ làm kinh tế giỏi (01 phóng sự, thời lượng 05 phút).", null],
    ["Tích cực thực hiện chuyển đổi số (01 phóng sự, thời lượng 05 phút).", null],
    ["Gương điển hình tiên tiến, người tốt, việc tốt (01 phóng sự, thời lượng 05 phút).", null],
    [
      "Kết quả kinh tế - xã hội nổi bật của huyện năm 2023 (01 phóng sự, thời lượng 05 phút).",
      null,
    ],
  ])("seed title %p → %p", (title, date) => {
    expect(findEventDate(title, PLAN)).toEqual({ date, issues: [] });
  });

  it.each<[string, string | null]>([
    ["Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023", "2023-03-11"],
    ["Kỷ niệm 08 năm thành lập Đảng bộ huyện Ia H'Drai 17/04/2023", "2023-04-17"],
    ["Kỷ niệm 112 năm Ngày Bác Hồ ra đi tìm đường cứu nước (05/6/1911-05/6/2023)", "2023-06-05"],
    ["Kỷ niệm 93 năm Ngày thành lập Đảng (3.2.1930 - 3.2.2023)", "2023-02-03"],
    ["Kỷ niệm 133 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2023)", "2023-05-19"],
    ["Tuyên truyền ngày 19/5", "2023-05-19"],
    ["Mít tinh (19/5)", "2023-05-19"],
    ["Hội thi ngày 2.9", "2023-09-02"],
    ["Lễ hội ngày 11 tháng 3 năm 2023", "2023-03-11"],
    ["Tuần lễ văn hóa từ 21/9 đến 26/9/2023", "2023-09-26"],
    ["Tuần lễ văn hóa (từ ngày 21 - 26/9/2023)", "2023-09-26"],
    ["Tổng kết 11/03/23", "2023-03-11"],
    ["Hội nghị 11-03-2023", "2023-03-11"],
    // An anniversary: the founding day, celebrated in the plan year.
    ["Kỷ niệm ngày thành lập Đảng 3.2.1930", "2023-02-03"],
    ["Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh 19/5/1890", "2023-05-19"],
    ["Ngày truyền thống lực lượng vũ trang 17/4/2015", "2023-04-17"],
    // A date from another year that is not an anniversary is not this plan's event.
    ["Tổng kết Nghị quyết ban hành ngày 16/01/2020", null],
    ["Hội nghị tổng kết 15/12/2022", null],
    ["Chuẩn bị cho sự kiện 05/01/2024", null],
    // Numbers that are not dates.
    ["Đẩy mạnh cải cách hành chính", null],
    ["Kỷ niệm 08 năm thành lập huyện (01 phóng sự, thời lượng 05 phút)", null],
    ["Chương trình phối hợp giai đoạn 2021 - 2025", null],
    ["Kế hoạch 123/KH-UBND, Quy chế 01/QCPH-PHTH-BKT-UBND", null],
    ["Thông tư 12/2023/TT-BTC", null],
    ["Kinh phí 15.000.000 đồng, tổng 1.573,1 tỷ, 1,110 tỷ", null],
    ["Hỗ trợ 3/4 số hộ nghèo", null],
    ["Tập huấn 1 - 3 ngày", null],
    ["", null],
  ])("%p → %p", (title, date) => {
    expect(findEventDate(title, PLAN).date).toBe(date);
  });

  it("prefers a date written in the plan year over an anniversary it would have to move", () => {
    const title = "Kỷ niệm ngày thành lập (Quyết định 01/01/2015), mít tinh 11/03/2023";
    expect(findEventDate(title, PLAN).date).toBe("2023-03-11");
  });

  it("moves an anniversary range's second date into the plan year", () => {
    expect(findEventDate("(05/6/1911-05/6/2023)", { planYear: 2024 }).date).toBe("2024-06-05");
  });

  it("gives 29/02 no anniversary in a common year", () => {
    expect(findEventDate("Kỷ niệm ngày thành lập 29/02/2020", PLAN)).toEqual({
      date: null,
      issues: [],
    });
  });

  it("takes a lone date as written when the plan year is unknown", () => {
    expect(findEventDate("Kỷ niệm 08 năm thành lập huyện 11/03/2023", { planYear: null })).toEqual({
      date: "2023-03-11",
      issues: [],
    });
  });

  it("warns when a day has no year and the plan year is unknown", () => {
    const r = findEventDate("Mít tinh ngày 19/5", { planYear: null });
    expect(r.date).toBeNull();
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["due.no-year", "warning"]]);
    expect(r.issues[0]?.text.vi).toContain('"19/5"');
    expect(r.issues[0]?.text.en).toContain("plan year");
  });

  it("warns about a date that does not exist and ignores it", () => {
    const r = findEventDate("Kỷ niệm ngày 31/02/2023", PLAN);
    expect(r.date).toBeNull();
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["due.invalid-date", "warning"]]);
    expect(r.issues[0]?.text.vi).toContain('"31/02/2023"');
    expect(r.issues[0]?.text.en).toContain("does not exist");
  });

  it("never throws, and any date it finds is a real one", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.stringMatching(/^(Kỷ niệm|ngày|từ)? ?[0-9./\-() ]{0,24}$/),
    );
    const ctx = fc.record({ planYear: fc.option(fc.integer({ min: 1900, max: 2100 })) });
    fc.assert(
      fc.property(text, ctx, (title, c) => {
        const { date } = findEventDate(title, c);
        return date === null || parsePeriod(date.split("-").reverse().join("/"), c).value !== null;
      }),
    );
  });

  it("finds every dd/mm/yyyy date of the plan year inside a title", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.constantFrom("/", ".", "-"),
        (month, day, sep) => {
          const title = `Kỷ niệm 08 năm Ngày thành lập huyện ${day}${sep}${month}${sep}2023 (01 phóng sự, thời lượng 05 phút)`;
          expect(findEventDate(title, PLAN).date).toBe(toIso(2023, month, day));
        },
      ),
    );
  });
});

describe("dueDate", () => {
  it.each<[string, string | null, string]>([
    ["Quý I/2023", "2023-03-11", "2023-03-11"], // the title's event wins
    ["Quý I/2023", null, "2023-03-31"], // else the end of the period
    ["Quý IV/2023", null, "2023-12-31"],
    ["tháng 3/2023", null, "2023-03-31"],
    ["6 tháng đầu năm", null, "2023-06-30"],
    ["Cả năm", null, "2023-12-31"],
    ["11/03/2023", null, "2023-03-11"],
    ["(05/6/1911-05/6/2023)", null, "2023-06-05"], // the period's own event date
    ["từ 21/9 đến 26/9/2023", null, "2023-09-26"],
    ["từ 21/9 đến 26/9/2023", "2023-09-22", "2023-09-22"],
  ])("period %p, title event %p → %s", (text, event, due) => {
    expect(dueDate(period(text), event)).toBe(due);
  });

  it("has no due date without a period", () => {
    expect(dueDate(null, null)).toBeNull();
    expect(dueDate(null, "2023-03-11")).toBeNull();
  });

  it("falls within the period when the title names no event", () => {
    const text = fc.oneof(
      fc
        .tuple(fc.constantFrom("I", "II", "III", "IV"), fc.integer({ min: 1990, max: 2100 }))
        .map(([r, y]) => `Quý ${r}/${y}`),
      fc
        .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2100 }))
        .map(([m, y]) => `tháng ${m}/${y}`),
      fc
        .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }))
        .map(([a, b]) => `Tháng ${Math.min(a, b)} - ${Math.max(a, b)}`),
      fc
        .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }))
        .map(([d, m]) => `${d}/${m}/2023`),
      fc.constantFrom("6 tháng đầu năm", "6 tháng cuối năm", "Cả năm", "từ 21/9 đến 26/9/2023"),
      fc.string(),
    );
    fc.assert(
      fc.property(text, (t) => {
        const p = parsePeriod(t, PLAN).value;
        if (p === null) return true;
        const due = dueDate(p, null);
        return due !== null && due >= p.start && due <= p.end;
      }),
    );
  });
});

describe("eventOutsidePeriod", () => {
  it.each<[string, string]>([
    ["Quý I/2023", "2023-03-11"],
    ["Quý I/2023", "2023-01-01"],
    ["Quý I/2023", "2023-03-31"],
    ["tháng 1-3/2023", "2023-02-03"],
    ["11/03/2023", "2023-03-11"],
  ])("%p holds %s", (text, event) => {
    expect(eventOutsidePeriod(period(text), event)).toBeNull();
  });

  it("has nothing to say without a period or an event", () => {
    expect(eventOutsidePeriod(null, "2023-03-11")).toBeNull();
    expect(eventOutsidePeriod(period("Quý I/2023"), null)).toBeNull();
  });

  it.each<[string, string, string, string]>([
    ["Quý II/2023", "2023-03-11", "01/04/2023", "30/06/2023"],
    ["Quý I/2023", "2023-04-17", "01/01/2023", "31/03/2023"],
    ["tháng 3/2023", "2023-04-01", "01/03/2023", "31/03/2023"],
  ])("%p does not hold %s", (text, event, start, end) => {
    const found = eventOutsidePeriod(period(text), event);
    expect(found?.code).toBe("due.event-outside-period");
    expect(found?.severity).toBe("warning");
    const shown = `${event.slice(8, 10)}/${event.slice(5, 7)}/${event.slice(0, 4)}`;
    for (const t of [found?.text.vi, found?.text.en]) {
      expect(t).toContain(shown);
      expect(t).toContain(start);
      expect(t).toContain(end);
    }
  });

  it("flags the seed's 17/04/2023 anniversary if it were filed under Quý I", () => {
    const title = "Kỷ niệm 08 năm thành lập Đảng bộ huyện Ia H'Drai 17/04/2023";
    const event = findEventDate(title, PLAN).date;
    expect(eventOutsidePeriod(period("- Quý I/2023:"), event)?.code).toBe(
      "due.event-outside-period",
    );
    expect(eventOutsidePeriod(period("- Quý II/2023: "), event)).toBeNull();
  });
});
