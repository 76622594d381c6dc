import fc from "fast-check";
import { formatMinutes, parseDuration } from "../../../src/domain/duration";

const codes = (value: unknown): string[] => parseDuration(value).issues.map((i) => i.code);

describe("parseDuration", () => {
  it.each([
    ["05 phút", 5],
    ["5 phut", 5],
    ["5 PHÚT", 5],
    ["5 Phút.", 5],
    ["5'", 5],
    ["05’", 5],
    ["5′", 5],
    ["15 giây", 0.25],
    ["10”", 10 / 60],
    ['10"', 10 / 60],
    ["10''", 10 / 60],
    ["10″", 10 / 60],
    ["1 giờ 30 phút", 90],
    ["1 giờ 30", 90],
    ["1h30'", 90],
    ["1h30’", 90],
    ["1h30 phút", 90],
    ["2h15p", 135],
    ["1h 30 phút", 90],
    ["1 giờ", 60],
    ["2h", 120],
    ["5h", 300],
    ["thời lượng mỗi chương trình 20 phút", 20],
    ["Thời lượng mỗi chương trình: 20 phút", 20],
    ["mỗi số 15 phút", 15],
    ["(60 giây)", 1],
    ["chương trình dài 45 phút", 45],
    ["40”=(30+10)", 40 / 60],
    ['40"=(30+10)', 40 / 60],
    ["40 giây = 30 + 10", 40 / 60],
    ["5 phút=(3+2)", 5],
    ["40 giây = 30 giây + 10 giây", 40 / 60],
    ["1 phút 10 giây = (60 + 10)", 70 / 60],
    ["5 phút = 4 phút + 60 giây", 5],
    ["1 tiếng", 60],
    ["1 tiếng rưỡi", 90],
    ["5 phút 30 giây", 5.5],
    ["5'30\"", 5.5],
    ["5'30", 5.5],
    ["00:05:00", 5],
    ["0:05:30", 5.5],
    ["05:00", 5],
    ["5:30", 5.5],
    ["1:30 giờ", 90],
    ["thời lượng 05 phút", 5],
    ["Thời lượng: 05 phút", 5],
    ["khoảng 5 phút", 5],
    ["(01 phóng sự, thời lượng 05 phút)", 5],
    ["05 phút/phóng sự", 5],
    ["5", 5],
    ["2,5", 2.5],
    ["1,5 giờ", 90],
    ["2.5 min", 2.5],
    ["5 min", 5],
    ["45 s", 0.75],
    [5, 5],
    [2.5, 2.5],
    [0.5, 0.5],
  ])("reads %p as %p minutes", (input, minutes) => {
    const r = parseDuration(input);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ minutes: Math.round(minutes * 1e6) / 1e6, rangeMinutes: null });
  });

  it.each([
    [0.00347222, 5],
    [5 / 1440, 5],
    [0.0625, 90],
  ])("reads an Excel time fraction %p as %p minutes", (serial, minutes) => {
    expect(parseDuration({ kind: "date", serial }).value?.minutes).toBeCloseTo(minutes, 3);
  });

  it("rounds float noise away", () => {
    expect(parseDuration({ kind: "date", serial: 5 / 1440 }).value?.minutes).toBe(5);
    expect(parseDuration("0,1 giờ").value?.minutes).toBe(6);
  });

  it.each([
    ["10-15 phút", 10, 15],
    ["10 – 15 phút", 10, 15],
    ["10 phút - 15 phút", 10, 15],
    ["từ 10 đến 15 phút", 10, 15],
    ["1-2 giờ", 60, 120],
    ["15-10'", 10, 15],
  ])("reads the range %p as its upper bound, with a warning", (input, lo, hi) => {
    const r = parseDuration(input);
    expect(r.value).toEqual({ minutes: hi, rangeMinutes: [lo, hi] });
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["duration.range", "warning"]]);
    expect(r.issues[0]?.suggestion).toBe(formatMinutes(hi, "vi"));
    expect(r.issues[0]?.text.vi).toContain(input);
  });

  it.each([
    ["5h00’", "05:00"],
    ["5h00'", "05:00"],
    ["21h15", "21:15"],
    ["(6h30’)", "06:30"],
    ["6h30", "06:30"],
    ["19h45’", "19:45"],
    ["6g30", "06:30"],
    ["4h00", "04:00"],
    ["23h59", "23:59"],
    ["19h45 - 20h00", "19:45 - 20:00"],
    ["1h30-2h00", "01:30 - 02:00"],
    ["phát sóng lúc 19h45", "19:45"],
    ["Thời lượng: 5h00’", "05:00"],
    ["19h45 hằng ngày", "19:45"],
    ["05 phút, phát 19h45", "19:45"],
    ["phát lúc 1h30 sáng", "01:30"],
  ])("reads %p as a broadcast time %p, never as hours", (input, slot) => {
    const r = parseDuration(input);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["duration.time-slot", "error"]]);
    const [found] = r.issues;
    expect(found?.text.vi).toContain("khung giờ phát sóng");
    expect(found?.text.en).toContain("broadcast time");
    for (const text of [found?.text.vi, found?.text.en]) {
      expect(text).toContain(slot);
      expect(text).toContain(`"${input}"`);
      expect(text).toContain('"05 phút"');
      expect(text).toContain('"30 giây"');
      expect(text).toContain('"1 giờ 30 phút"');
    }
  });

  it.each([
    ["1h30", 90, "01:30", "1 giờ 30 phút"],
    ["1g30", 90, "01:30", "1 giờ 30 phút"],
    ["2h15", 135, "02:15", "2 giờ 15 phút"],
    ["0h45", 45, "00:45", "45 phút"],
    ["3h59", 239, "03:59", "3 giờ 59 phút"],
    ["1h00", 60, "01:00", "1 giờ"],
  ])(
    "reads %p (no minute mark, hour up to 3) as %p minutes and flags the time %p it may be",
    (input, minutes, slot, written) => {
      const r = parseDuration(input);
      expect(r.value).toEqual({ minutes, rangeMinutes: null });
      expect(r.issues.map((i) => [i.code, i.severity])).toEqual([
        ["duration.maybe-time-slot", "warning"],
      ]);
      expect(r.issues[0]?.suggestion).toBe(written);
      expect(r.issues[0]?.text.vi).toContain(slot);
      expect(r.issues[0]?.text.en).toContain(slot);
      expect(r.issues[0]?.text.vi).toContain(`"${written}"`);
    },
  );

  it("never reads a compact clock time from 4:00 as a length (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom("h", "H", "g"),
        fc.constantFrom("", "'", "’", " phút", "p"),
        fc.constantFrom(
          (s: string) => s,
          (s: string) => `(${s})`,
          (s: string) => `Thời lượng: ${s}`,
        ),
        (h, mm, sep, mark, wrap) => {
          const text = wrap(`${h}${sep}${String(mm).padStart(2, "0")}${mark}`);
          const r = parseDuration(text);
          expect(r.value).toBeNull();
          expect(r.issues.map((i) => i.code)).toEqual(["duration.time-slot"]);
        },
      ),
    );
  });

  it("reads a total of seconds whose parts agree, and flags parts that do not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 4 }),
        (parts) => {
          const total = parts.reduce((a, b) => a + b, 0);
          const r = parseDuration(`${total}”=(${parts.join("+")})`);
          expect(r.value?.minutes).toBe(Math.round((total / 60) * 1e6) / 1e6);
          expect(r.issues).toEqual([]);
          const wrong = parseDuration(`${total + 1}”=(${parts.join("+")})`);
          expect(wrong.value?.minutes).toBe(Math.round(((total + 1) / 60) * 1e6) / 1e6);
          expect(wrong.issues.map((i) => i.code)).toEqual(["duration.sum-mismatch"]);
        },
      ),
    );
    const [found] = parseDuration("40”=(30+20)").issues;
    expect(found?.suggestion).toBe("50 giây");
    expect(found?.text.vi).toContain("40 giây");
    expect(found?.text.en).toContain("50 s");
  });

  it("reads a length after words the same as the bare length (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 * 3600 }),
        fc.constantFrom(
          "mỗi chương trình ",
          "thời lượng mỗi chương trình ",
          "Thời lượng mỗi số: ",
          "chương trình dài ",
          "(",
        ),
        (seconds, lead) => {
          const text = formatMinutes(seconds / 60, "vi");
          const wrapped = lead === "(" ? `(${text})` : `${lead}${text}`;
          expect(parseDuration(wrapped)).toEqual(parseDuration(text));
        },
      ),
    );
  });

  it("reads a length in a phrase with its hours, and warns above a day", () => {
    const r = parseDuration("120 giờ");
    expect(r.value?.minutes).toBe(7200);
    expect(codes("120 giờ")).toEqual(["duration.too-long"]);
    expect(codes("tổng thời lượng 120 giờ")).toEqual(["duration.too-long"]);
  });

  it.each([["0 phút"], ["0"], [0], [-5], ["-5 phút"], ["00:00:00"], [{ kind: "date", serial: 0 }]])(
    "rejects %p as not positive",
    (input) => {
      const r = parseDuration(input);
      expect(r.value).toBeNull();
      expect(codes(input)).toEqual(["duration.non-positive"]);
    },
  );

  it.each([
    ["năm phút"],
    ["abc"],
    ["5 phút rưỡi nữa"],
    ["30 phút 1 giờ"],
    ["5 x"],
    ["05:75"],
    ["1.5.3 phút"],
    ["10 - "],
    ["tập 2"],
    ["phát sóng 2 lần"],
    ["40”=(30+x)"],
    ["40”=(30+)"],
    [true],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [{ kind: "error", code: "#N/A" }],
    [{ kind: "date", serial: 44996 }],
    [{}],
  ])("rejects %p as unreadable, saying what is valid", (input) => {
    const r = parseDuration(input);
    expect(r.value).toBeNull();
    expect(r.issues).toHaveLength(1);
    const [found] = r.issues;
    expect(found?.code).toBe("duration.unreadable");
    expect(found?.severity).toBe("error");
    expect(found?.text.vi).toContain("05 phút");
    expect(found?.text.en).toContain("05 phút");
  });

  it("quotes the received text in both languages", () => {
    const [found] = parseDuration("năm phút").issues;
    expect(found?.text.vi).toContain('"năm phút"');
    expect(found?.text.en).toContain('"năm phút"');
    expect(found?.text.vi).toMatch(/Không đọc được thời lượng/);
  });

  it("warns above 24 hours but keeps the value", () => {
    const r = parseDuration("25 giờ");
    expect(r.value?.minutes).toBe(1500);
    expect(codes("25 giờ")).toEqual(["duration.too-long"]);
    expect(codes(1441)).toEqual(["duration.too-long"]);
    expect(codes(1440)).toEqual([]);
  });

  it.each([[null], [undefined], [""], ["   "], ["\n"]])("leaves blank %p to the rules", (input) => {
    expect(parseDuration(input)).toEqual({ value: null, issues: [] });
  });

  it("never throws, and gives a value or an error", () => {
    const check = (input: unknown): void => {
      const r = parseDuration(input);
      const blank =
        input === null || input === undefined || (typeof input === "string" && input.trim() === "");
      if (blank) expect(r).toEqual({ value: null, issues: [] });
      else expect(r.value !== null || r.issues.some((i) => i.severity === "error")).toBe(true);
      if (r.value) expect(r.value.minutes).toBeGreaterThan(0);
    };
    fc.assert(fc.property(fc.anything(), check));
    fc.assert(fc.property(fc.string({ unit: "binary" }), check));
    fc.assert(fc.property(fc.stringMatching(/^[0-9 .,:'"\-–phútgiờâyhms]{0,12}$/), check));
  });

  it("reads back every formatted duration, in both languages", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 * 24 * 3600 }),
        fc.constantFrom("vi" as const, "en" as const),
        (seconds, lang) => {
          const minutes = Math.round((seconds / 60) * 1e6) / 1e6;
          expect(parseDuration(formatMinutes(minutes, lang)).value?.minutes).toBe(minutes);
        },
      ),
    );
  });
});

describe("formatMinutes", () => {
  it.each([
    [5, "vi", "5 phút"],
    [5, "en", "5 min"],
    [0.25, "vi", "15 giây"],
    [90, "vi", "1 giờ 30 phút"],
    [90, "en", "1 h 30 min"],
    [5.5, "vi", "5 phút 30 giây"],
    [60, "vi", "1 giờ"],
    [0.0125, "vi", "0,75 giây"],
    [0.0125, "en", "0.75 s"],
    [0, "vi", "0 phút"],
    [-5, "en", "-5 min"],
  ] as const)("writes %p minutes in %s as %p", (m, lang, text) => {
    expect(formatMinutes(m, lang)).toBe(text);
  });
});
