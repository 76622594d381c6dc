import fc from "fast-check";
import {
  frequencyText,
  parseQuota,
  quotaText,
  readFrequency,
  readRecurrence,
} from "../../../src/domain/recurrence";

describe("readFrequency: the period cell of a recurring duty", () => {
  it.each([
    ["Hằng tuần", "week", 1, ""],
    ["hằng tháng", "month", 1, ""],
    ["Hằng quý", "quarter", 1, ""],
    ["mỗi quý", "quarter", 1, ""],
    ["Mỗi tuần", "week", 1, ""],
    ["hàng tuần", "week", 1, ""],
    ["HÀNG THÁNG", "month", 1, ""],
    ["hang tuan", "week", 1, ""],
    ["Định kỳ hằng tháng", "month", 1, ""],
    ["định kỳ, hàng quý", "quarter", 1, ""],
    ["2 tuần/lần", "week", 2, ""],
    ["02 tuần 01 lần", "week", 2, ""],
    ["2 tuần một lần", "week", 2, ""],
    ["tháng 1 lần", "month", 1, ""],
    ["Thứ Sáu hằng tuần", "week", 1, ""],
    ["ngày 15 hằng tháng", "month", 1, ""],
    ["Hằng tuần (ít nhất 02 tin)", "week", 1, "ít nhất 02 tin"],
    ["Hằng tuần (Quý III/2023)", "week", 1, "Quý III/2023"],
    ["Hằng tháng, 6 tháng cuối năm", "month", 1, "6 tháng cuối năm"],
    ["- Hằng tuần:", "week", 1, ""],
  ])("%s → every %s, interval %d, rest %j", (text, every, interval, rest) => {
    const r = readFrequency(text);
    expect(r?.freq).toEqual({ every, interval });
    expect(r?.restRaw).toBe(rest);
  });

  it('reads "định kỳ" alone as recurring without a frequency', () => {
    expect(readFrequency("Định kỳ")?.freq).toEqual({ every: null, interval: 1 });
  });

  it('reads "2 lần/tuần" as weekly with a quota of two', () => {
    expect(readFrequency("2 lần/tuần")).toMatchObject({
      freq: { every: "week", interval: 1 },
      quota: { quota: 2, type: null },
    });
  });

  it.each([
    "Quý I/2023",
    "Thường xuyên",
    "Cả năm 2023",
    "tháng 3/2023",
    "6 tháng đầu năm",
    "11/03/2023",
    "hằng năm",
    "Tuần 1",
    "",
  ])("%j names no frequency", (text) => {
    expect(readFrequency(text)).toBeNull();
  });
});

describe("parseQuota: a quota as a clerk writes one", () => {
  it.each([
    ["ít nhất 02 tin/tuần", 2, "tin", { every: "week", interval: 1 }],
    ["04 phóng sự mỗi tháng", 4, "phóng sự", { every: "month", interval: 1 }],
    ["01 tin, bài/tuần", 1, "tin", { every: "week", interval: 1 }],
    ["02 tin/01 tuần", 2, "tin", { every: "week", interval: 1 }],
    ["2 tin mỗi tuần", 2, "tin", { every: "week", interval: 1 }],
    ["01 tin/2 tuần", 1, "tin", { every: "week", interval: 2 }],
    ["Tối thiểu 01 phóng sự/tháng", 1, "phóng sự", { every: "month", interval: 1 }],
    ["03 bài/quý", 3, "bài", { every: "quarter", interval: 1 }],
    ["2 lượt phát/tuần", 2, "lượt phát", { every: "week", interval: 1 }],
    ["2 lần/tuần", 2, null, { every: "week", interval: 1 }],
    ["hai tin mỗi tuần", 2, "tin", { every: "week", interval: 1 }],
    ["02 tin", 2, "tin", null],
    ["2", 2, null, null],
    [3, 3, null, null],
  ])("%j → %d %j per %j", (value, quota, type, per) => {
    expect(parseQuota(value)).toEqual({ value: { quota, type, per }, issues: [] });
  });

  it.each([
    ["vài tin/tuần", "recurrence.quota-unreadable"],
    ["nhiều", "recurrence.quota-unreadable"],
    [0, "recurrence.quota-unreadable"],
    [2.5, "recurrence.quota-unreadable"],
    ["0 tin/tuần", "recurrence.quota-unreadable"],
    ["02 tin/ngày", "recurrence.quota-unsupported-period"],
    ["10 phóng sự/năm", "recurrence.quota-unsupported-period"],
  ])("%j is flagged (%s) with what is valid", (value, code) => {
    const r = parseQuota(value);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([[code, "error"]]);
    const text = r.issues[0]!.text;
    expect(text.vi).toContain(String(value));
    expect(text.vi).toMatch(/tuần/);
    expect(text.en).toMatch(/week|tuần/);
  });

  it("reads nothing from a blank cell", () => {
    expect(parseQuota(null)).toEqual({ value: null, issues: [] });
    expect(parseQuota("  ")).toEqual({ value: null, issues: [] });
  });

  it("never throws, and gives a value or an issue for any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const r = parseQuota(text);
        if (text.trim() === "") return r.value === null && r.issues.length === 0;
        return (r.value === null) !== (r.issues.length === 0) && (r.value?.quota ?? 1) > 0;
      }),
    );
  });

  it("reads any positive quota back from '<n> tin/tuần'", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.boolean(), (n, pad) => {
        const text = `${pad ? String(n).padStart(2, "0") : n} tin/tuần`;
        expect(parseQuota(text).value).toEqual({
          quota: n,
          type: "tin",
          per: { every: "week", interval: 1 },
        });
      }),
    );
  });
});

describe("readRecurrence: a plan row as a recurring duty", () => {
  it.each([
    // period cell, count cell, every, interval, quota, type, window
    ["Hằng tuần", null, "week", 1, null, null, ["2023-01-01", "2023-12-31"]],
    ["Hằng tuần", "02 tin/tuần", "week", 1, 2, "tin", ["2023-01-01", "2023-12-31"]],
    ["Hằng tuần", "02 tin", "week", 1, 2, "tin", ["2023-01-01", "2023-12-31"]],
    ["Hằng tuần", 3, "week", 1, 3, null, ["2023-01-01", "2023-12-31"]],
    [
      "hằng tháng",
      "04 phóng sự mỗi tháng",
      "month",
      1,
      4,
      "phóng sự",
      ["2023-01-01", "2023-12-31"],
    ],
    ["mỗi quý", null, "quarter", 1, null, null, ["2023-01-01", "2023-12-31"]],
    ["định kỳ", "04 phóng sự mỗi tháng", "month", 1, 4, "phóng sự", ["2023-01-01", "2023-12-31"]],
    ["2 tuần/lần", "01 phóng sự", "week", 2, 1, "phóng sự", ["2023-01-01", "2023-12-31"]],
    ["Quý III/2023", "01 tin/tuần", "week", 1, 1, "tin", ["2023-07-01", "2023-09-30"]],
    ["Hằng tuần (ít nhất 02 tin)", null, "week", 1, 2, "tin", ["2023-01-01", "2023-12-31"]],
    ["Hằng tuần (Quý III/2023)", null, "week", 1, null, null, ["2023-07-01", "2023-09-30"]],
    ["Hằng tháng, 6 tháng cuối năm", null, "month", 1, null, null, ["2023-07-01", "2023-12-31"]],
  ])(
    "%j with count %j → %s×%d, quota %j %j",
    (period, count, every, interval, quota, type, window) => {
      const r = readRecurrence(period, count, 2023);
      expect(r?.recurrence).toEqual({
        every,
        interval,
        quota,
        type,
        start: window[0],
        end: window[1],
      });
      expect([...(r?.periodIssues ?? []), ...(r?.countIssues ?? [])]).toEqual([]);
    },
  );

  it.each([
    ["Quý I/2023", "01"],
    ["Quý I/2023", null],
    ["Thường xuyên", "02 tin"],
    [null, "01 phóng sự"],
    [45000, 1],
  ])("%j with count %j is an ordinary item", (period, count) => {
    expect(readRecurrence(period, count, 2023)).toBeNull();
  });

  it("flags an unreadable quota on the count cell, and keeps the duty", () => {
    const r = readRecurrence("Hằng tuần", "vài tin", 2023);
    expect(r?.recurrence).toMatchObject({ every: "week", quota: null });
    expect(r?.countIssues.map((i) => i.code)).toEqual(["recurrence.quota-unreadable"]);
    expect(r?.countIssues[0]?.text.vi).toContain('"02 tin/tuần"');
  });

  it("flags 'định kỳ' that says neither how often nor a quota per period, as an error", () => {
    const r = readRecurrence("Định kỳ", null, 2023);
    expect(r?.recurrence.every).toBeNull();
    expect(r?.periodIssues.map((i) => [i.code, i.severity])).toEqual([
      ["recurrence.no-frequency", "error"],
    ]);
    expect(r?.periodIssues[0]?.text.vi).toContain('"Hằng tuần"');
  });

  it("warns when the quota's period differs from the frequency, and counts by the quota's", () => {
    const r = readRecurrence("Hằng tháng", "02 tin/tuần", 2023);
    expect(r?.recurrence).toMatchObject({ every: "week", quota: 2 });
    expect(r?.countIssues.map((i) => [i.code, i.severity])).toEqual([
      ["recurrence.period-mismatch", "warning"],
    ]);
  });

  it("flags what follows the frequency when it is neither a quota nor a period", () => {
    const r = readRecurrence("Hằng tuần, vào buổi sáng", null, 2023);
    expect(r?.periodIssues.map((i) => i.code)).toEqual(["recurrence.window-unreadable"]);
    expect(r?.periodIssues[0]?.text.vi).toContain('"vào buổi sáng"');
  });

  it("has no window without a plan year", () => {
    expect(readRecurrence("Hằng tuần", null, null)?.recurrence).toMatchObject({
      start: null,
      end: null,
    });
  });

  it("never throws on any pair of cells", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 30 }), fc.constant("Hằng tuần"), fc.integer()),
        fc.oneof(fc.string({ maxLength: 30 }), fc.constant(null), fc.integer()),
        (p, c) => {
          const r = readRecurrence(p, c, 2023);
          return r === null || typeof r.recurrence.interval === "number";
        },
      ),
    );
  });
});

describe("how a duty's frequency and quota read", () => {
  it.each([
    [{ every: "week", interval: 1 }, "Hằng tuần", "every week"],
    [{ every: "week", interval: 2 }, "2 tuần/lần", "every 2 weeks"],
    [{ every: "month", interval: 1 }, "Hằng tháng", "every month"],
    [{ every: null, interval: 1 }, "Định kỳ", "Periodic"],
  ] as const)("%j", (f, vi, en) => {
    expect(frequencyText(f, "vi")).toBe(vi);
    expect(frequencyText(f, "en")).toBe(en);
  });

  it("says at least one per period when no quota is stated", () => {
    const r = {
      every: "week",
      interval: 1,
      quota: null,
      type: null,
      start: null,
      end: null,
    } as const;
    expect(quotaText(r, "vi")).toBe("≥ 1/tuần");
    expect(quotaText({ ...r, quota: 2, type: "tin" }, "vi")).toBe("≥ 2 tin/tuần");
    expect(quotaText({ ...r, quota: 1, interval: 2 }, "en")).toBe("≥ 1/2 week");
  });
});
