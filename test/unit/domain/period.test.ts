import fc from "fast-check";
import {
  isoToSerial,
  monthEnd,
  quarterEnd,
  quarterStart,
  toIso,
  type Quarter,
} from "../../../src/domain/calendar";
import {
  inferPlanYear,
  parsePeriod,
  yearFromTitle,
  type Period,
  type PeriodResult,
} from "../../../src/domain/period";

const PLAN = { planYear: 2023 };
const NO_PLAN = { planYear: null };

function codes(r: PeriodResult): string[] {
  return r.issues.map((i) => i.code);
}

type Expected = Pick<Period, "kind" | "year" | "quarter" | "start" | "end" | "eventDate">;

function quarter(year: number, q: Quarter): Expected {
  return {
    kind: "quarter",
    year,
    quarter: q,
    start: quarterStart(year, q),
    end: quarterEnd(year, q),
    eventDate: null,
  };
}

function day(iso: string): Expected {
  return {
    kind: "date",
    year: Number(iso.slice(0, 4)),
    quarter: null,
    start: iso,
    end: iso,
    eventDate: iso,
  };
}

describe("parsePeriod: quarters", () => {
  it.each<[string, Expected]>([
    ["Quý I/2023", quarter(2023, 1)],
    ["Quý II/2023", quarter(2023, 2)],
    ["Quý III/2023", quarter(2023, 3)],
    ["Quý IV/2023", quarter(2023, 4)],
    ["quý IV năm 2023", quarter(2023, 4)],
    ["quý IV\nnăm 2023", quarter(2023, 4)],
    ["Quý IV\r\n năm 2023", quarter(2023, 4)],
    ["Qúy IV", quarter(2023, 4)],
    ["QUÝ II", quarter(2023, 2)],
    ["Quý II", quarter(2023, 2)],
    ["quý iv", quarter(2023, 4)],
    ["quý iii/2023", quarter(2023, 3)],
    ["Quý 1/2023", quarter(2023, 1)],
    ["Q2/2023", quarter(2023, 2)],
    ["Q3", quarter(2023, 3)],
    ["q4 - 2023", quarter(2023, 4)],
    ["Quý I, năm 2023", quarter(2023, 1)],
    ["Quý II/23", quarter(2023, 2)],
    ["Quý\u00a0III/2023", quarter(2023, 3)],
    ["  Quý   I / 2023  ", quarter(2023, 1)],
    ["Quí II/2023", quarter(2023, 2)],
    ["Quy\u0301 II/2023", quarter(2023, 2)], // NFD: the accent as a combining mark
    // The seed plan's own section lines, bullet and colon included.
    ["- Quý I/2023:", quarter(2023, 1)],
    ["- Quý II/2023: ", quarter(2023, 2)],
    ["- Quý III/2023: ", quarter(2023, 3)],
  ])("%p is a quarter", (text, expected) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toEqual(expected);
    expect(r.issues).toEqual([]);
  });

  // Regression: a library matching "I|II|III|IV" shortest-first reads "quý II" as Q1.
  it.each<[string, Quarter]>([
    ["quý I", 1],
    ["quý II", 2],
    ["quý III", 3],
    ["quý IV", 4],
    ["QUÝ III NĂM 2023", 3],
  ])("reads Roman numerals longest-first: %p is Q%d", (text, q) => {
    expect(parsePeriod(text, PLAN).value?.quarter).toBe(q);
  });

  it.each<[string, number]>([
    ["Quý 1/2024", 2024],
    ["quý I.2020", 2020],
  ])("%p carries its own year and warns it is not the plan year", (text, year) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toEqual(quarter(year, 1));
    expect(codes(r)).toEqual(["period.other-year"]);
    expect(r.issues[0]?.severity).toBe("warning");
    expect(r.issues[0]?.text.vi).toContain(`"${text}"`);
    expect(r.issues[0]?.text.vi).toContain("năm kế hoạch 2023");
    expect(r.issues[0]?.text.en).toContain("plan year 2023");
  });

  it("reads a year without a plan year and gives no warning", () => {
    const r = parsePeriod("quý I.2020", NO_PLAN);
    expect(r.value).toEqual(quarter(2020, 1));
    expect(r.issues).toEqual([]);
  });

  it.each([
    ["Quý II"],
    ["Q3"],
    ["quý iv"],
    ["Tháng 12"],
    ["6 tháng đầu năm"],
    ["11/3"],
    ["Cả năm"],
  ])("%p without any year asks for the year", (text) => {
    const r = parsePeriod(text, NO_PLAN);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(["period.no-year"]);
    expect(r.issues[0]?.severity).toBe("error");
    expect(r.issues[0]?.text.vi).toContain("ghi thêm năm");
    expect(r.issues[0]?.text.en).toContain("Add the year");
    expect(r.issues[0]?.text.vi).toContain(`"${text}"`);
  });

  it.each<[string, string | null]>([
    ["Quý VI/2023", "Quý IV/2023"],
    ["- Quý VI/2023:", "- Quý IV/2023:"],
    ["quý VI năm 2023", "quý IV năm 2023"],
    ["QUÝ vi/2023", "QUÝ IV/2023"],
    ["Quý IIII/2023", "Quý IV/2023"],
    ["Quý 5", null],
    ["Quý 0/2023", null],
    ["Quý V/2023", null],
    ["Quý X/2023", null],
    ["Quý IIV/2023", null],
  ])("%p is not a quarter (suggestion %p)", (text, suggestion) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(["period.invalid-quarter"]);
    const [found] = r.issues;
    expect(found?.severity).toBe("error");
    expect(found?.suggestion ?? null).toBe(suggestion);
    expect(found?.text.vi).toContain(`"${text.replace(/\s+/g, " ").trim()}"`);
    expect(found?.text.vi).toContain("4 quý");
    expect(found?.text.en).toContain("4 quarters");
  });

  it("says what the seed's Quý VI should be in both languages", () => {
    const [found] = parsePeriod("- Quý VI/2023:", PLAN).issues;
    expect(found?.text.vi).toContain('Có phải là "- Quý IV/2023:"?');
    expect(found?.text.en).toContain('Did you mean "- Quý IV/2023:"?');
  });
});

describe("parsePeriod: months, halves and years", () => {
  it.each<[string, Expected]>([
    [
      "Tháng 1 – 3",
      {
        kind: "months",
        year: 2023,
        quarter: 1,
        start: "2023-01-01",
        end: "2023-03-31",
        eventDate: null,
      },
    ],
    [
      "tháng 1-3/2023",
      {
        kind: "months",
        year: 2023,
        quarter: 1,
        start: "2023-01-01",
        end: "2023-03-31",
        eventDate: null,
      },
    ],
    [
      "Từ tháng 10 đến tháng 12 năm 2023",
      {
        kind: "months",
        year: 2023,
        quarter: 4,
        start: "2023-10-01",
        end: "2023-12-31",
        eventDate: null,
      },
    ],
    [
      "Tháng 2 - 4/2023",
      {
        kind: "months",
        year: 2023,
        quarter: null,
        start: "2023-02-01",
        end: "2023-04-30",
        eventDate: null,
      },
    ],
    [
      "tháng 3/2023",
      {
        kind: "month",
        year: 2023,
        quarter: null,
        start: "2023-03-01",
        end: "2023-03-31",
        eventDate: null,
      },
    ],
    [
      "Tháng 02 năm 2024",
      {
        kind: "month",
        year: 2024,
        quarter: null,
        start: "2024-02-01",
        end: "2024-02-29",
        eventDate: null,
      },
    ],
    [
      "Tháng 12",
      {
        kind: "month",
        year: 2023,
        quarter: null,
        start: "2023-12-01",
        end: "2023-12-31",
        eventDate: null,
      },
    ],
    [
      "6 tháng đầu năm",
      {
        kind: "half",
        year: 2023,
        quarter: null,
        start: "2023-01-01",
        end: "2023-06-30",
        eventDate: null,
      },
    ],
    [
      "6 tháng cuối năm",
      {
        kind: "half",
        year: 2023,
        quarter: null,
        start: "2023-07-01",
        end: "2023-12-31",
        eventDate: null,
      },
    ],
    [
      "06 tháng đầu năm 2023",
      {
        kind: "half",
        year: 2023,
        quarter: null,
        start: "2023-01-01",
        end: "2023-06-30",
        eventDate: null,
      },
    ],
    [
      "Cả năm",
      {
        kind: "year",
        year: 2023,
        quarter: null,
        start: "2023-01-01",
        end: "2023-12-31",
        eventDate: null,
      },
    ],
    [
      "năm 2023",
      {
        kind: "year",
        year: 2023,
        quarter: null,
        start: "2023-01-01",
        end: "2023-12-31",
        eventDate: null,
      },
    ],
    [
      "CẢ NĂM 2023",
      {
        kind: "year",
        year: 2023,
        quarter: null,
        start: "2023-01-01",
        end: "2023-12-31",
        eventDate: null,
      },
    ],
    [
      "Thường xuyên",
      {
        kind: "year",
        year: 2023,
        quarter: null,
        start: "2023-01-01",
        end: "2023-12-31",
        eventDate: null,
      },
    ],
  ])("%p", (text, expected) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toEqual(expected);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it.each([["Tháng 13"], ["tháng 0/2023"], ["Tháng 3 - 1/2023"]])(
    "%p has no such month",
    (text) => {
      const r = parsePeriod(text, PLAN);
      expect(r.value).toBeNull();
      expect(codes(r)).toEqual(["period.invalid-date"]);
      expect(r.issues[0]?.text.vi).toContain("từ 1 đến 12");
    },
  );
});

describe("parsePeriod: dates and ranges", () => {
  it.each<[string, string]>([
    ["11/03/2023", "2023-03-11"],
    ["28/2/2023", "2023-02-28"],
    ["11-03-2023", "2023-03-11"],
    ["11.03.2023", "2023-03-11"],
    ["11/03/23", "2023-03-11"],
    ["11/3", "2023-03-11"],
    ["ngày 19/5", "2023-05-19"],
    ["Ngày 11 tháng 3 năm 2023", "2023-03-11"],
    ["ngày 05 tháng 7 năm 2023", "2023-07-05"],
    ["Tiền Giang, ngày 05 tháng 7 năm 2023", "2023-07-05"],
    ["Kon Tum, ngày 16 tháng 01 năm 2023", "2023-01-16"],
    ["(05/6/1911-05/6/2023)", "2023-06-05"],
    ["(3.2.1930 - 3.2.2023)", "2023-02-03"],
    ["(19/5/1890 – 19/5/2023)", "2023-05-19"],
  ])("%p is the day %s", (text, iso) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toEqual(day(iso));
    expect(r.issues).toEqual([]);
  });

  it("reads the leap day 29/02/2024 in a 2024 plan", () => {
    expect(parsePeriod("29/02/2024", { planYear: 2024 })).toEqual({
      value: day("2024-02-29"),
      issues: [],
    });
  });

  it("reads 3.2.1930 as a date and warns about its year", () => {
    const r = parsePeriod("3.2.1930", PLAN);
    expect(r.value).toEqual(day("1930-02-03"));
    expect(codes(r)).toEqual(["period.other-year"]);
  });

  it.each<[string, string, string]>([
    ["từ 21/9 đến 26/9/2023", "2023-09-21", "2023-09-26"],
    ["(từ 21/9 đến 26/9/2023)", "2023-09-21", "2023-09-26"],
    ["Từ ngày 21/9/2023 đến ngày 26/9/2023", "2023-09-21", "2023-09-26"],
    ["21-26/9/2023", "2023-09-21", "2023-09-26"],
    ["21/9 - 26/9", "2023-09-21", "2023-09-26"],
    ["21-25/12", "2023-12-21", "2023-12-25"],
    ["28/12/2023 - 05/01/2024", "2023-12-28", "2024-01-05"],
  ])("%p runs %s to %s; its end is the event", (text, start, end) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toMatchObject({ kind: "range", quarter: null, start, end, eventDate: end });
    expect(r.value?.year).toBe(Number(end.slice(0, 4)));
  });

  it.each([["31/02/2023"], ["29/02/2023"], ["31/4/2023"], ["12/13/2023"], ["32/1"]])(
    "%p does not exist",
    (text) => {
      const r = parsePeriod(text, PLAN);
      expect(r.value).toBeNull();
      expect(codes(r)).toEqual(["period.invalid-date"]);
      expect(r.issues[0]?.severity).toBe("error");
      expect(r.issues[0]?.suggestion ?? null).toBeNull();
      expect(r.issues[0]?.text.vi).toContain("không có thật");
      expect(r.issues[0]?.text.en).toContain("does not exist");
    },
  );

  it("names the length of the month for 31/02/2023", () => {
    const [found] = parsePeriod("31/02/2023", PLAN).issues;
    expect(found?.text.vi).toContain("tháng 02/2023 chỉ có 28 ngày");
    expect(found?.text.en).toContain("02/2023 has 28 days");
  });

  it("refuses a range that ends before it starts", () => {
    const r = parsePeriod("từ 26/9 đến 21/9/2023", PLAN);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(["period.invalid-date"]);
    expect(r.issues[0]?.text.vi).toContain("26/09/2023");
  });
});

describe("parsePeriod: the first or last N months of the year", () => {
  function months(year: number, from: number, to: number): Expected {
    const isHalf = to - from === 5;
    const isQuarter = to - from === 2 && from % 3 === 1;
    return {
      kind: isHalf ? "half" : to - from === 11 ? "year" : "months",
      year,
      quarter: isQuarter ? (((from - 1) / 3 + 1) as Quarter) : null,
      start: toIso(year, from, 1),
      end: monthEnd(year, to),
      eventDate: null,
    };
  }

  it.each<[string, Expected]>([
    ["9 tháng đầu năm 2024", months(2024, 1, 9)],
    ["9 tháng đầu năm", months(2023, 1, 9)],
    ["3 tháng cuối năm", months(2023, 10, 12)],
    ["3 tháng đầu năm 2023", months(2023, 1, 3)],
    ["02 tháng đầu năm", months(2023, 1, 2)],
    ["2 tháng cuối năm 2023", months(2023, 11, 12)],
    ["06 tháng cuối năm 2023", months(2023, 7, 12)],
    ["Sáu tháng đầu năm", months(2023, 1, 6)],
    ["Nửa cuối năm 2023", months(2023, 7, 12)],
    ["- 9 tháng đầu năm 2023:", months(2023, 1, 9)],
    ["12 tháng đầu năm", months(2023, 1, 12)],
    ["1 tháng cuối năm", months(2023, 12, 12)],
  ])("%p", (text, expected) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toEqual(expected);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("reads N tháng đầu/cuối năm for every N from 1 to 12 (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.integer({ min: 1990, max: 2100 }),
        fc.boolean(),
        fc.boolean(),
        (n, first, year, pad, withYear) => {
          const num = pad ? String(n).padStart(2, "0") : String(n);
          const text = `${num} tháng ${first ? "đầu" : "cuối"} năm${withYear ? ` ${year}` : ""}`;
          const r = parsePeriod(text, { planYear: year });
          expect(r.issues).toEqual([]);
          expect(r.value).toEqual(first ? months(year, 1, n) : months(year, 13 - n, 12));
        },
      ),
    );
  });

  it.each([["13 tháng đầu năm 2023"], ["0 tháng cuối năm"]])("%p has no such span", (text) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(["period.invalid-date"]);
    expect(r.issues[0]?.text.vi).toContain("từ 1 đến 12");
  });

  it("asks for the year of 9 tháng đầu năm when there is no plan year", () => {
    const r = parsePeriod("9 tháng đầu năm", NO_PLAN);
    expect(codes(r)).toEqual(["period.no-year"]);
    expect(r.issues[0]?.text.vi).toContain('"9 tháng đầu năm 2023"');
  });
});

describe("parsePeriod: a period inside a phrase", () => {
  const range = (start: string, end: string, eventDate: string | null): Expected => ({
    kind: "range",
    year: Number(end.slice(0, 4)),
    quarter: null,
    start,
    end,
    eventDate,
  });

  it.each<[string, Expected]>([
    ["vào Quý I/2023", quarter(2023, 1)],
    ["Vào quý III", quarter(2023, 3)],
    ["trong Quý IV/2023", quarter(2023, 4)],
    ["Thời gian: Quý II/2023", quarter(2023, 2)],
    [
      "trong tháng 3/2023",
      {
        kind: "month",
        year: 2023,
        quarter: null,
        start: "2023-03-01",
        end: "2023-03-31",
        eventDate: null,
      },
    ],
    ["tính đến hết 30/6/2023", range("2023-01-01", "2023-06-30", "2023-06-30")],
    ["Tính đến hết ngày 30/6/2023", range("2023-01-01", "2023-06-30", "2023-06-30")],
    ["đến hết tháng 6/2023", range("2023-01-01", "2023-06-30", null)],
    ["đến hết Quý III", range("2023-01-01", "2023-09-30", null)],
    ["thời gian từ 01/7 đến cuối năm", range("2023-07-01", "2023-12-31", "2023-12-31")],
    ["từ 15/10/2023 đến hết năm", range("2023-10-15", "2023-12-31", "2023-12-31")],
    ["trong 15 ngày đầu tháng 01/2023", range("2023-01-01", "2023-01-15", null)],
    ["10 ngày cuối tháng 2/2023", range("2023-02-19", "2023-02-28", null)],
    ["30/11/2023 07:11", day("2023-11-30")],
    ["30/11/2023, 07:11:05", day("2023-11-30")],
    ["07h11 30/11/2023", day("2023-11-30")],
    ["19h30 ngày 02/9/2023", day("2023-09-02")],
    ["phát lại ngày 12/5/2023", day("2023-05-12")],
    ["Phát sóng ngày 12/5", day("2023-05-12")],
    ["vào lúc 19h45 ngày 12/5/2023", day("2023-05-12")],
    [
      "(từ 23/10 đến 20/11/2023 - phát sóng hằng tuần)",
      range("2023-10-23", "2023-11-20", "2023-11-20"),
    ],
    ["từ 23/10 đến 20/11/2023 - phát sóng", range("2023-10-23", "2023-11-20", "2023-11-20")],
  ])("%p", (text, expected) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toEqual(expected);
    expect(r.issues).toEqual([]);
  });

  it("reads từ tháng 7 đến hết năm 2024 as July to December", () => {
    const r = parsePeriod("từ tháng 7 đến hết năm 2024", { planYear: 2024 });
    expect(r.value).toMatchObject({ kind: "months", start: "2024-07-01", end: "2024-12-31" });
    expect(r.issues).toEqual([]);
  });

  it.each([
    // A note that names another period is not dropped: which one is meant is the user's call.
    ["Quý I/2023 - quý II"],
    ["vào dịp lễ"],
    ["khoảng tháng 3/2023"],
    ["21/9/2023 - tuần sau"],
    ["trong năm tới"],
    ["30/11/2023 07:99 sáng mai"],
  ])("%p stays unreadable, saying what is valid", (text) => {
    const r = parsePeriod(text, PLAN);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(["period.unreadable"]);
    expect(r.issues[0]?.text.vi).toContain("Quý I/2023");
  });

  it("still checks the date inside a phrase", () => {
    const r = parsePeriod("phát lại ngày 31/02/2023", PLAN);
    expect(codes(r)).toEqual(["period.invalid-date"]);
    expect(r.issues[0]?.text.vi).toContain('"phát lại ngày 31/02/2023"');
  });

  it("reads a date with a time of day the same as the bare date (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(":", "h"),
        fc.constantFrom("", "phát lại ngày ", "vào ", "trong "),
        (d, m, y, hh, mm, sep, lead) => {
          const date = `${d}/${m}/${y}`;
          const time = `${hh}${sep}${String(mm).padStart(2, "0")}`;
          const bare = parsePeriod(date, { planYear: y });
          expect(parsePeriod(`${lead}${date} ${time}`, { planYear: y })).toEqual(bare);
        },
      ),
    );
  });
});

describe("parsePeriod: cell values that are not text", () => {
  it.each<[unknown, Expected]>([
    [{ kind: "date", serial: 44996 }, day("2023-03-11")],
    [{ kind: "date", serial: 44996.75 }, day("2023-03-11")],
    [45291, day("2023-12-31")],
    [1, quarter(2023, 1)],
    [4, quarter(2023, 4)],
    ["2", quarter(2023, 2)],
    [
      2023,
      {
        kind: "year",
        year: 2023,
        quarter: null,
        start: "2023-01-01",
        end: "2023-12-31",
        eventDate: null,
      },
    ],
  ])("%p", (value, expected) => {
    const r = parsePeriod(value, PLAN);
    expect(r.value).toEqual(expected);
    expect(r.issues).toEqual([]);
  });

  it.each([[null], [undefined], [""], ["   "], ["\n\t"]])("%p is an empty cell", (value) => {
    const r = parsePeriod(value, PLAN);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(["period.empty"]);
    expect(r.issues[0]?.severity).toBe("error");
  });

  it.each<[unknown, string]>([
    ["abc", '"abc"'],
    ["Quý I và II/2023", '"Quý I và II/2023"'],
    [true, '"true"'],
    [0, '"0"'],
    [5, '"5"'],
    [2.5, '"2.5"'],
    [Number.NaN, '"NaN"'],
    [Number.POSITIVE_INFINITY, '"Infinity"'],
    [{ kind: "error", code: "#N/A" }, '"#N/A"'],
    [{}, '"{…}"'],
    [[1, 2], '"[…]"'],
  ])("%p is unreadable and the message says what is valid", (value, quoted) => {
    const r = parsePeriod(value, PLAN);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(["period.unreadable"]);
    const [found] = r.issues;
    expect(found?.text.vi).toContain(quoted);
    expect(found?.text.vi).toContain('"Quý I/2023"');
    expect(found?.text.vi).toContain("Cách ghi hợp lệ");
    expect(found?.text.en).toContain("Valid forms");
  });

  it("clips a long unreadable value in the message", () => {
    const long = "không rõ ".repeat(40);
    const [found] = parsePeriod(long, PLAN).issues;
    expect(found?.text.vi).toContain("…");
    expect(found?.text.vi.length).toBeLessThan(400);
  });

  it("reports a serial with no civil date as an invalid date", () => {
    const r = parsePeriod({ kind: "date", serial: 60 }, PLAN);
    expect(codes(r)).toEqual(["period.invalid-date"]);
  });

  it("warns when an Excel date is outside the plan year, quoting it as dd/mm/yyyy", () => {
    const r = parsePeriod({ kind: "date", serial: isoToSerial("2022-12-31") }, PLAN);
    expect(r.value).toEqual(day("2022-12-31"));
    expect(codes(r)).toEqual(["period.other-year"]);
    expect(r.issues[0]?.text.vi).toContain('"31/12/2022"');
  });

  it("never reads the clock: it works with the Date constructor gone", () => {
    const realDate = globalThis.Date;
    const broken = function Date(): never {
      throw new Error("the domain must not use Date");
    };
    let results: PeriodResult[] = [];
    try {
      globalThis.Date = broken as unknown as DateConstructor;
      results = ["Quý I/2023", "11/03/2023", "(05/6/1911-05/6/2023)", "Tháng 1 - 3"].map((t) =>
        parsePeriod(t, PLAN),
      );
      results.push(parsePeriod({ kind: "date", serial: 44996 }, PLAN));
    } finally {
      globalThis.Date = realDate;
    }
    expect(results.map((r) => r.value?.end)).toEqual([
      "2023-03-31",
      "2023-03-11",
      "2023-06-05",
      "2023-03-31",
      "2023-03-11",
    ]);
  });
});

describe("parsePeriod: properties", () => {
  const ROMAN = ["I", "II", "III", "IV"] as const;
  const anyCtx = fc.record({ planYear: fc.option(fc.integer({ min: 1900, max: 2100 })) });

  function valueOrError(r: PeriodResult): boolean {
    return r.value !== null || r.issues.some((i) => i.severity === "error");
  }

  it("never throws, and returns a value or an error, for anything", () => {
    fc.assert(
      fc.property(fc.anything(), anyCtx, (value, ctx) => valueOrError(parsePeriod(value, ctx))),
    );
  });

  it("never throws, and returns a value or an error, for any text", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }),
      fc.stringMatching(/^(Quý|Q|tháng|ngày|từ)? ?[0-9IVXivx./\-– ]{0,14}(năm \d{4})?$/),
    );
    fc.assert(fc.property(text, anyCtx, (t, ctx) => valueOrError(parsePeriod(t, ctx))));
  });

  it("never throws for numbers and Excel dates", () => {
    const value = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.double().map((serial) => ({ kind: "date", serial })),
      fc.anything().map((serial) => ({ kind: "date", serial })),
    );
    fc.assert(fc.property(value, anyCtx, (v, ctx) => valueOrError(parsePeriod(v, ctx))));
  });

  it("reads every written quarter back", () => {
    const form = fc.constantFrom(
      (r: string, y: number) => `Quý ${r}/${y}`,
      (r: string, y: number) => `quý ${r.toLowerCase()} năm ${y}`,
      (r: string, y: number) => `QUÝ ${r}\nNĂM ${y}`,
      (r: string, y: number) => `Qúy ${r}.${y}`,
      (_r: string, y: number, q: number) => `Q${q}/${y}`,
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1990, max: 2100 }),
        form,
        (q, year, write) => {
          const text = write(ROMAN[q - 1] ?? "", year, q);
          const r = parsePeriod(text, { planYear: year });
          expect(r.issues).toEqual([]);
          expect(r.value).toEqual(quarter(year, q as Quarter));
        },
      ),
    );
  });

  const civil = fc
    .record({
      year: fc.integer({ min: 1900, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ year, month, day: d }) => toIso(year, month, d));

  it("reads every dd/mm/yyyy date and Excel serial back", () => {
    fc.assert(
      fc.property(civil, fc.constantFrom("/", ".", "-"), (iso, sep) => {
        const text = [iso.slice(8, 10), iso.slice(5, 7), iso.slice(0, 4)].join(sep);
        expect(parsePeriod(text, NO_PLAN).value).toEqual(day(iso));
        expect(parsePeriod({ kind: "date", serial: isoToSerial(iso) }, NO_PLAN).value).toEqual(
          day(iso),
        );
      }),
    );
  });

  it("keeps every period's start on or before its end", () => {
    fc.assert(
      fc.property(fc.string(), anyCtx, (t, ctx) => {
        const v = parsePeriod(t, ctx).value;
        return v === null || (v.start <= v.end && (v.eventDate === null || v.eventDate <= v.end));
      }),
    );
  });
});

describe("inferPlanYear", () => {
  const SEED_PERIODS = ["- Quý I/2023:", "- Quý II/2023: ", "- Quý III/2023: ", "- Quý VI/2023:"];

  it.each<[readonly string[], number | null]>([
    [SEED_PERIODS, 2023],
    [["Quý I/2023", "Quý II/2023", "Quý III/2024"], 2023],
    [["Quý I/2023", "Quý I/2024"], 2024], // a tie goes to the latest
    [["Quý VI/2023"], 2023], // an invalid quarter still says its year
    [["(05/6/1911-05/6/2023)", "(3.2.1930 - 3.2.2023)", "Quý I/2022"], 2023],
    [["11/03/23", "Quý II"], 2023],
    [["Quý II", "Tháng 12", "Cả năm"], null],
    [["Quý I/1985", "năm 2150"], null], // outside 1990-2100
    [[], null],
  ])("%p → %p", (texts, year) => {
    expect(inferPlanYear(texts)).toBe(year);
  });
});

describe("yearFromTitle", () => {
  it.each<[string, number | null]>([
    ["Kế hoạch phối hợp tuyên truyền năm 2023", 2023],
    ["KẾ HOẠCH NĂM 2024", 2024],
    [
      "KẾ HOẠCH\nPhối hợp tuyên truyền giữa Ủy ban nhân dân huyện với\nĐài Phát thanh - Truyền hình tỉnh năm 2023",
      2023,
    ],
    ["Kế hoạch thực hiện Chương trình phối hợp tuyên truyền năm 2023, như sau:", 2023],
    ["Chương trình giai đoạn 2021 - 2025", null],
    ["Kế hoạch năm 2021 - 2025", null],
    ["Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023", null],
    ["Tuyên truyền Việt Nam 2023", null],
    ["Kế hoạch", null],
    ["", null],
  ])("%p → %p", (title, year) => {
    expect(yearFromTitle(title)).toBe(year);
  });
});
