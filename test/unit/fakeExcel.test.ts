/**
 * The workbook host must answer Microsoft's own Excel client (excel-web-16.00.debug.js) like
 * Excel where product bugs would hide: load/sync as the client does it, errors, payload limits,
 * Excel's typing rules, rule removal and events. Every batch here runs on the real client.
 */
import {
  type FakeWorkbook,
  createFakeWorkbook,
  fakeOffice,
  installFakeOffice,
} from "../fakes/excel";

function plan(): FakeWorkbook {
  return createFakeWorkbook({
    sheets: [
      {
        name: "Kế hoạch",
        rows: [
          ["STT", "Nội dung", "Hạn", "Kinh phí"],
          [1, "Tập huấn cán bộ", 45748, 1500000],
          [2, "Rà soát hộ nghèo", 45838, 0],
        ],
      },
      { name: "Cài đặt", rows: [["Năm", 2025]] },
    ],
  });
}

/** What the client rejects with: an OfficeExtension.Error of its own realm. */
interface RichApiError extends Error {
  code: string;
  debugInfo: { errorLocation?: string; message?: string };
}

async function rejection(promise: Promise<unknown>): Promise<RichApiError> {
  try {
    await promise;
  } catch (e) {
    // Not `instanceof Error`: the client's errors come from its own (vm) realm.
    if ((e as { name?: unknown } | null)?.name === "RichApi.Error") return e as RichApiError;
    throw e;
  }
  throw new Error("expected the promise to reject");
}

describe("proxy semantics: load and sync", () => {
  it("throws PropertyNotLoaded, shaped like Office.js, when a property is read before load + sync", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Kế hoạch").getRange("A1:B2");
      let error: unknown;
      try {
        void range.values;
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        name: "RichApi.Error",
        code: "PropertyNotLoaded",
        message:
          "The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
        debugInfo: { errorLocation: "Range.values" },
      });
      range.load("values");
      expect(() => range.values).toThrow(
        expect.objectContaining({ code: "PropertyNotLoaded" }) as Error,
      );
      await ctx.sync();
      expect(range.values).toEqual([
        ["STT", "Nội dung"],
        [1, "Tập huấn cán bộ"],
      ]);
      expect(() => range.address).toThrow(/The property 'address' is not available/);
    });
  });

  it("accepts string, array and { select, expand } load forms, items/name and navigation paths", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name,items/visibility");
      const range = ctx.workbook.worksheets.getItem("Kế hoạch").getRange("B2:C3");
      range.load(["address", "rowCount", "columnCount"]);
      const format = range.format.load({ select: "wrapText", expand: "fill" });
      const header = ctx.workbook.worksheets
        .getItem("Kế hoạch")
        .getRange("A1")
        .load("format/font/bold");
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
        ["Kế hoạch", "Visible"],
        ["Cài đặt", "Visible"],
      ]);
      expect(() => sheets.items[0]!.position).toThrow(/'position' is not available/);
      expect([range.address, range.rowCount, range.columnCount]).toEqual([
        "'Kế hoạch'!B2:C3",
        2,
        2,
      ]);
      expect(format.wrapText).toBe(false);
      expect(format.fill.color).toBe("#FFFFFF");
      expect(header.format.font.bold).toBe(false);
    });
  });

  it("shows writes only after the sync, and loaded values are those at the sync that fulfilled the load", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem("Cài đặt").getRange("B1");
      cell.load("values");
      await ctx.sync();
      cell.values = [[2026]];
      expect(fake.values("'Cài đặt'!B1")).toEqual([[2025]]);
      await ctx.sync();
      expect(fake.values("'Cài đặt'!B1")).toEqual([[2026]]);

      const again = ctx.workbook.worksheets.getItem("Cài đặt").getRange("B1").load("values");
      await ctx.sync();
      fake.sheet("Cài đặt").cells.clear();
      expect(again.values).toEqual([[2026]]);
    });
  });

  it("keeps what the add-in wrote on the proxy (office.js setters store the value), not Excel's result", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem("Cài đặt").getRange("C1");
      cell.values = [["=1+1"]];
      expect(cell.values).toEqual([["=1+1"]]);
      expect(() => cell.formulas).toThrow(/'formulas' is not available/);
      await ctx.sync();
      cell.load("formulas");
      await ctx.sync();
      expect(cell.formulas).toEqual([["=1+1"]]);
    });
  });
  it("Excel.run syncs what is still queued at the end; a batch must return a promise", async () => {
    const fake = plan();
    await fake.run((ctx) => {
      ctx.workbook.worksheets.getItem("Cài đặt").getRange("A2").values = [["không cần sync"]];
      return Promise.resolve();
    });
    expect(fake.values("'Cài đặt'!A2")).toEqual([["không cần sync"]]);
    const notAPromise = (() => undefined) as unknown as () => Promise<void>;
    expect((await rejection(fake.run(notAPromise))).code).toBe("RunMustReturnPromise");
  });

  it("refuses objects from another request context, and objects whose sheet was deleted", async () => {
    const fake = plan();
    const Client = fake.connection().Excel.RequestContext as new () => Excel.RequestContext;
    const other = new Client();
    const foreign = other.workbook.worksheets.getItem("Kế hoạch").getRange("A1:D3");
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Kế hoạch");
      expect(() => sheet.tables.add(foreign, true)).toThrow(
        expect.objectContaining({ code: "InvalidRequestContext" }) as Error,
      );
      const range = ctx.workbook.worksheets.getItem("Cài đặt").getRange("A1");
      ctx.workbook.worksheets.getItem("Cài đặt").delete();
      await ctx.sync();
      range.load("values");
      expect((await rejection(ctx.sync())).code).toBe("ItemNotFound");
    });
  });
});

describe("instrumentation", () => {
  it("counts round trips and measures each request; an empty sync makes no round trip", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      await ctx.sync();
      expect(fake.stats.syncCount).toBe(0);
      const sheet = ctx.workbook.worksheets.getItem("Kế hoạch");
      sheet.getRange("E1:E2").values = [["Ghi chú"], ["x"]];
      await ctx.sync();
      sheet.getRange("F1:F1000").values = Array.from({ length: 1000 }, (_, i) => [`Dòng ${i}`]);
      await ctx.sync();
    });
    const { requestSizes } = fake.stats;
    expect(fake.stats.syncCount).toBe(2);
    expect(requestSizes).toHaveLength(2);
    expect(requestSizes[1]!).toBeGreaterThan(requestSizes[0]! + 8000);
    expect(fake.stats.largestRequestBytes).toBe(requestSizes[1]);
    // Excel.run's last request only releases the ranges it kept: not a sync.
    expect(fake.stats.releaseRequests).toBeGreaterThan(0);
  });

  it("measures the response (loaded data) and refuses one over the limit", async () => {
    const fake = plan();
    fake.maxResponseBytes = 1000;
    await fake.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("Kế hoạch").getUsedRange().load("values");
      await ctx.sync();
      expect(used.values).toHaveLength(3);
      expect(fake.stats.responseSizes[0]!).toBeGreaterThan(50);
      ctx.workbook.worksheets.getItem("Kế hoạch").getRange("A1:D200").load("values");
      const error = await rejection(ctx.sync());
      expect(error.code).toBe("ResponsePayloadSizeLimitExceeded");
    });
  });

  it("rejects a request over maxRequestBytes with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const fake = plan();
    fake.maxRequestBytes = 10_000;
    const rows = Array.from({ length: 2000 }, (_, i) => [i, `Việc số ${i}`]);
    const error = await rejection(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Kế hoạch").getRange("A2:B2001").values = rows;
        await ctx.sync();
      }),
    );
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.values("'Kế hoạch'!B2")).toEqual([["Tập huấn cán bộ"]]);
    // Chunked writes pass.
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Kế hoạch");
      for (let start = 0; start < rows.length; start += 250) {
        sheet.getRange(`A${start + 2}:B${start + 251}`).values = rows.slice(start, start + 250);
        await ctx.sync();
      }
    });
    expect(fake.values("'Kế hoạch'!B2001")).toEqual([["Việc số 1999"]]);
    expect(fake.stats.syncs.filter((s) => s.ok).every((s) => s.requestBytes <= 10_000)).toBe(true);
  });

  it("records suspend…UntilNextSync calls", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      ctx.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      await ctx.sync();
    });
    expect(fake.log.map((l) => l.call)).toEqual([
      "suspendApiCalculationUntilNextSync",
      "suspendScreenUpdatingUntilNextSync",
    ]);
  });
});

describe("errors reject the sync like Excel", () => {
  it("rejects with ItemNotFound for getItem of a missing sheet; earlier operations stay applied", async () => {
    const fake = plan();
    const error = await rejection(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Cài đặt").getRange("A2").values = [["trước"]];
        ctx.workbook.worksheets.getItem("Không có");
        ctx.workbook.worksheets.getItem("Cài đặt").getRange("A3").values = [["sau"]];
        await ctx.sync();
      }),
    );
    expect(error).toMatchObject({
      code: "ItemNotFound",
      debugInfo: { errorLocation: "WorksheetCollection.getItem" },
    });
    expect(fake.values("'Cài đặt'!A2:A3")).toEqual([["trước"], [""]]);
  });

  it("getItemOrNullObject: isNullObject after the sync; calls on a null object do nothing", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Tổng hợp");
      const present = ctx.workbook.worksheets.getItemOrNullObject("Cài đặt");
      expect(() => missing.isNullObject).toThrow(/'isNullObject' is not available/);
      missing.load("name");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(missing.name).toBeUndefined();
      missing.delete();
      missing.getRange("A1").values = [["x"]];
      await ctx.sync();
    });
    expect(fake.sheetNames()).toEqual(["Kế hoạch", "Cài đặt"]);
  });

  it.each([
    ["a name longer than 31 characters", "Kế hoạch năm 2025 của xã Tân Phước", "InvalidArgument"],
    ["a forbidden character", "Tổng hợp: Q1", "InvalidArgument"],
    ["a slash", "Quý 1/2025", "InvalidArgument"],
    ["an existing name (case-insensitive)", "cài đặt", "ItemAlreadyExists"],
  ])("refuses worksheets.add with %s", async (_what, name, code) => {
    const fake = plan();
    const error = await rejection(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.add(name);
        await ctx.sync();
      }),
    );
    expect(error.code).toBe(code);
  });

  it("refuses a values array whose size does not match the range, and a null for the whole property", async () => {
    const fake = plan();
    const mismatch = await rejection(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Kế hoạch").getRange("A5:C5").values = [["a", "b"]];
        await ctx.sync();
      }),
    );
    expect(mismatch.code).toBe("InvalidArgument");
    // Excel's message is generic; the host's reason is in the request's record.
    expect(fake.stats.syncs.at(-1)?.detail).toMatch(/doesn't match the size/);
    const nullInput = await rejection(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Kế hoạch").getRange("A5").values =
          null as unknown as unknown[][];
        await ctx.sync();
      }),
    );
    expect(nullInput.code).toBe("InvalidArgument");
  });

  it("refuses a table over another table or over merged cells (MergedRangeConflict)", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Kế hoạch");
      sheet.tables.add("A1:D3", true).name = "tblKeHoach";
      await ctx.sync();
      sheet.tables.add("C2:E6", true);
      expect((await rejection(ctx.sync())).code).toBe("MergedRangeConflict");
      sheet.getRange("G1:H1").merge();
      sheet.tables.add("G1:H4", true);
      expect((await rejection(ctx.sync())).code).toBe("MergedRangeConflict");
    });
    expect(fake.tables().map((t) => [t.name, t.address])).toEqual([["tblKeHoach", "A1:D3"]]);
  });

  it("checks requirement sets: an API newer than the host throws ApiNotFound", async () => {
    const fake = createFakeWorkbook({ apiVersion: "1.7" });
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      // Excel (the host) refuses it, naming the API and the requirement set.
      range.dataValidation.load("type");
      const error = await rejection(ctx.sync());
      expect(error.code).toBe("ApiNotFound");
      expect(error.message).toMatch(/Range\.dataValidation .*ExcelApi 1\.8/);
      // After a failed sync the client invalidates the objects it sent; a fresh one works.
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").conditionalFormats.load("items");
      await ctx.sync();
    });
  });
});

describe("Excel's typing rules for written values", () => {
  it("turns '=…' into a formula, keeps \"'…\" as text, parses numbers, booleans, dates and '- …' like Excel", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Cài đặt").getRange("A3:A10").values = [
        ["=SUM(A1)"],
        ['\'=HYPERLINK("x")'],
        ["00123"],
        ["true"],
        ["2025-03-31"],
        ["- Tập huấn"],
        ["12%"],
        ["25/12/2025"],
      ];
      await ctx.sync();
    });
    expect(fake.cell("'Cài đặt'!A3")).toMatchObject({ formula: "=SUM(A1)" });
    expect(fake.cell("'Cài đặt'!A4")).toMatchObject({
      value: '=HYPERLINK("x")',
      formula: null,
      quotePrefix: true,
    });
    expect(fake.cell("'Cài đặt'!A5").value).toBe(123);
    expect(fake.cell("'Cài đặt'!A6").value).toBe(true);
    expect(fake.cell("'Cài đặt'!A7")).toMatchObject({
      value: 45747,
      numberFormat: "yyyy-mm-dd",
      text: "2025-03-31",
    });
    expect(fake.cell("'Cài đặt'!A8").formula).toBe("=- Tập huấn");
    expect(fake.cell("'Cài đặt'!A9")).toMatchObject({ value: 0.12, text: "12%" });
    expect(fake.cell("'Cài đặt'!A10").value).toBe("25/12/2025");
  });

  it("keeps strings as typed in a Text (@) cell, and writes formulas through range.formulas", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Cài đặt");
      const text = sheet.getRange("C1:C2");
      text.numberFormat = [["@"], ["@"]];
      text.values = [["=1+1"], ["00123"]];
      sheet.getRange("D1").formulas = [["=B1*2"]];
      await ctx.sync();
    });
    expect(fake.values("'Cài đặt'!C1:C2")).toEqual([["=1+1"], ["00123"]]);
    expect(fake.formulas("'Cài đặt'!D1")).toEqual([["=B1*2"]]);
  });

  it("copies one value to every cell (single input copy), skips null entries, clears with ''", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Kế hoạch");
      sheet.getRange("E2:E3").values = "Chưa bắt đầu" as unknown as unknown[][];
      sheet.getRange("F2:G3").numberFormat = [["#,##0"]];
      sheet.getRange("B2:B3").values = [[null], [""]];
      sheet.getRange("D2:D3").numberFormat = [['#,##0 "₫"'], [null]];
      await ctx.sync();
    });
    expect(fake.values("'Kế hoạch'!E2:E3")).toEqual([["Chưa bắt đầu"], ["Chưa bắt đầu"]]);
    expect(fake.numberFormats("'Kế hoạch'!F2:G3")).toEqual([
      ["#,##0", "#,##0"],
      ["#,##0", "#,##0"],
    ]);
    expect(fake.values("'Kế hoạch'!B2:B3")).toEqual([["Tập huấn cán bộ"], [""]]);
    expect(fake.texts("'Kế hoạch'!D2:D3")).toEqual([["1,500,000 ₫"], ["0"]]);
  });

  it("renames blank and duplicate table headers, as Excel does", async () => {
    const fake = createFakeWorkbook({
      sheets: [
        {
          name: "S",
          rows: [
            ["Tên", "", "Tên"],
            [1, 2, 3],
          ],
        },
      ],
    });
    await fake.run(async (ctx) => {
      const table = ctx.workbook.worksheets.getItem("S").tables.add("A1:C2", true);
      const columns = table.columns.load("items/name");
      await ctx.sync();
      expect(columns.items.map((c) => c.name)).toEqual(["Tên", "Column2", "Tên2"]);
    });
    expect(fake.values("S!A1:C1")).toEqual([["Tên", "Column2", "Tên2"]]);
  });
});

describe("data validation", () => {
  it("dataValidation.clear() removes every rule in the range, also the user's own", async () => {
    const fake = createFakeWorkbook({
      sheets: [
        {
          name: "Kế hoạch",
          validations: [
            { range: "B2:B20", rule: { list: { inCellDropDown: true, source: "Có,Không" } } },
            { range: "K2:K20", rule: { custom: { formula: "=LEN(K2)<100" } } },
          ],
        },
      ],
    });
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Kế hoạch");
      const status = sheet.getRange("F2:F20").dataValidation;
      status.clear();
      status.rule = { list: { inCellDropDown: true, source: "Chưa bắt đầu,Đang làm,Hoàn thành" } };
      status.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: "Trạng thái",
        message: "Chọn trong danh sách",
      };
      sheet.getRange("A2:C10").dataValidation.clear();
      await ctx.sync();
    });
    const rules = fake.validations("Kế hoạch").sort((a, b) => a.address.localeCompare(b.address));
    expect(rules).toEqual([
      expect.objectContaining({ address: "B11:B20", type: "List" }),
      expect.objectContaining({
        address: "F2:F20",
        type: "List",
        rule: { list: { inCellDropDown: true, source: "Chưa bắt đầu,Đang làm,Hoàn thành" } },
        errorAlert: {
          showAlert: true,
          style: "Stop",
          title: "Trạng thái",
          message: "Chọn trong danh sách",
        },
      }),
      expect.objectContaining({ address: "K2:K20", type: "Custom" }),
    ]);
  });

  it("reads the rule and type back, and refuses a rule with two kinds or a list over 255 characters", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem("Kế hoạch").getRange("C2:C3").dataValidation;
      dv.rule = { date: { operator: "GreaterThan", formula1: "=DATE(2025,1,1)" } };
      dv.load("type,rule");
      await ctx.sync();
      expect(dv.type).toBe("Date");
      expect(dv.rule).toEqual({ date: { operator: "GreaterThan", formula1: "=DATE(2025,1,1)" } });
      const wider = ctx.workbook.worksheets.getItem("Kế hoạch").getRange("C2:C5").dataValidation;
      wider.rule = { list: { inCellDropDown: true, source: "Có,Không" } };
      wider.prompt = { showPrompt: true, title: "Hạn", message: "Chọn Có hoặc Không" };
      wider.load("type,rule,prompt");
      await ctx.sync();
      expect(wider.type).toBe("List");
      expect(wider.prompt).toEqual({
        showPrompt: true,
        title: "Hạn",
        message: "Chọn Có hoặc Không",
      });
      expect(fake.validations("Kế hoạch").map((v) => v.address)).toEqual(["C2:C5"]);
      dv.rule = { list: { inCellDropDown: true, source: "a" }, custom: { formula: "=TRUE" } };
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
      dv.rule = { list: { inCellDropDown: true, source: "x,".repeat(130) } };
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
    });
  });
});

describe("events", () => {
  it("fires onChanged for the add-in's own writes while events are enabled, not while disabled", async () => {
    const fake = plan();
    const seen: { address: string; source: string; triggerSource: string }[] = [];
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Kế hoạch").onChanged.add(async (e) => {
        seen.push({ address: e.address, source: e.source, triggerSource: e.triggerSource });
        return Promise.resolve();
      });
      await ctx.sync();
    });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Kế hoạch").getRange("E2").values = [["có sự kiện"]];
      await ctx.sync();
      ctx.runtime.enableEvents = false;
      ctx.workbook.worksheets.getItem("Kế hoạch").getRange("E3").values = [["không sự kiện"]];
      ctx.runtime.enableEvents = true;
      await ctx.sync();
      ctx.runtime.load("enableEvents");
      await ctx.sync();
      expect(ctx.runtime.enableEvents).toBe(true);
    });
    await fake.flushEvents();
    expect(seen).toEqual([{ address: "E2", source: "Local", triggerSource: "ThisLocalAddin" }]);
    expect(fake.suppressedEventCount).toBe(1);
  });

  it("tells a user's edit (Local) from a co-author's (Remote), with details for one cell", async () => {
    const fake = plan();
    const seen: unknown[] = [];
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add(async (e) => {
        seen.push({ address: e.address, source: e.source, details: e.details });
        return Promise.resolve();
      });
      await ctx.sync();
    });
    await fake.simulateUserEdit("Kế hoạch", "D2", 2000000);
    await fake.simulateRemoteEdit("Kế hoạch", "B3:B4", [["Việc mới"], ["Việc khác"]]);
    expect(seen).toEqual([
      {
        address: "D2",
        source: "Local",
        details: {
          valueBefore: 1500000,
          valueAfter: 2000000,
          valueTypeBefore: "Double",
          valueTypeAfter: "Double",
        },
      },
      { address: "B3:B4", source: "Remote", details: undefined },
    ]);
    expect(fake.values("'Kế hoạch'!D2")).toEqual([[2000000]]);
  });

  it("catches a handler that keeps triggering itself", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Kế hoạch").onChanged.add((e) =>
        fake.run(async (inner) => {
          inner.workbook.worksheets
            .getItem("Kế hoạch")
            .getRange(e.address)
            .getOffsetRange(0, 4).values = [["kiểm tra"]];
          await inner.sync();
        }),
      );
      await ctx.sync();
    });
    await expect(fake.simulateUserEdit("Kế hoạch", "A2", 5)).rejects.toThrow(
      /keeps triggering itself/,
    );
    fake.close();
  });
});

describe("charts, names, layout", () => {
  it("adds a chart over a range, titles and positions it; adds, reads and deletes names", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Kế hoạch");
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("B1:B3"), "Columns");
      chart.title.text = "Kinh phí theo việc";
      chart.setPosition("F2", "M20");
      ctx.workbook.names.add("NamKeHoach", "='Cài đặt'!$B$1");
      ctx.workbook.names.add("DuLieu", sheet.getRange("A1:D3"));
      const year = ctx.workbook.names.getItem("NamKeHoach").getRange().load("values");
      const dup = ctx.workbook.names.getItemOrNullObject("Không_có");
      chart.load("name");
      await ctx.sync();
      expect(chart.name).toBe("Chart 1");
      expect(year.values).toEqual([[2025]]);
      expect(dup.isNullObject).toBe(true);
      ctx.workbook.names.add("namkehoach", "=1");
      expect((await rejection(ctx.sync())).code).toBe("ItemAlreadyExists");
      ctx.workbook.names.getItem("DuLieu").delete();
      await ctx.sync();
    });
    expect(fake.charts("Kế hoạch")).toEqual([
      {
        name: "Chart 1",
        chartType: "ColumnClustered",
        source: "'Kế hoạch'!B1:B3",
        seriesBy: "Columns",
        title: "Kinh phí theo việc",
        from: "F2",
        to: "M20",
      },
    ]);
    expect(fake.names()).toEqual([
      { name: "NamKeHoach", formula: "='Cài đặt'!$B$1", comment: "", visible: true },
    ]);
  });

  it("records selection, freeze panes, tab colour, visibility, column widths and page layout", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Kế hoạch");
      sheet.freezePanes.freezeRows(1);
      sheet.tabColor = "#1F4E78";
      sheet.getRange("B:B").format.columnWidth = 240;
      sheet.getRange("C3").select();
      sheet.pageLayout.orientation = "Landscape";
      sheet.pageLayout.paperSize = "A4";
      sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      sheet.pageLayout.headersFooters.defaultForAllPages.centerHeader = "Kế hoạch 2025";
      ctx.workbook.worksheets.getItem("Cài đặt").visibility = "VeryHidden";
      const used = sheet.getUsedRange(true).load("address");
      await ctx.sync();
      expect(used.address).toBe("'Kế hoạch'!A1:D3");
    });
    const sheet = fake.sheet("Kế hoạch");
    expect(sheet.freeze).toEqual({ rows: 1, cols: 0 });
    expect(sheet.tabColor).toBe("#1F4E78");
    expect(fake.columnWidthOf("Kế hoạch", "B")).toBe(240);
    expect(fake.selection).toEqual({ sheet: "Kế hoạch", address: "C3" });
    expect(sheet.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4" });
    expect(sheet.pageLayout.headersFooters.defaultForAllPages?.centerHeader).toBe("Kế hoạch 2025");
    expect(fake.sheet("Cài đặt").visibility).toBe("VeryHidden");
  });

  it("applies worksheets.add + range writes + tables.add + conditionalFormats.add in ONE sync", async () => {
    const fake = plan();
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.add("Tổng hợp");
      sheet.getRange("A1:C3").values = [
        ["Quý", "Số việc", "Kinh phí"],
        ["Quý I", 3, 1500000],
        ["Quý II", 2, 0],
      ];
      sheet.getRange("C2:C3").numberFormat = [['#,##0 "₫"']];
      sheet.getRange("A1:C1").format.font.bold = true;
      sheet.getRange("A1:C1").format.fill.color = "D9E1F2";
      const table = sheet.tables.add("A1:C3", true);
      table.name = "tblTongHop";
      table.style = "TableStyleMedium2";
      const cf = sheet.getRange("B2:B3").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=$B2=0";
      cf.custom.format.fill.color = "#FFC7CE";
      cf.custom.format.font.color = "#9C0006";
      cf.stopIfTrue = true;
      await ctx.sync();
    });
    expect(fake.stats.syncCount).toBe(1);
    expect(fake.sheetNames()).toEqual(["Kế hoạch", "Cài đặt", "Tổng hợp"]);
    expect(fake.tables()).toEqual([
      expect.objectContaining({
        name: "tblTongHop",
        sheet: "Tổng hợp",
        address: "A1:C3",
        columns: ["Quý", "Số việc", "Kinh phí"],
      }),
    ]);
    expect(fake.conditionalFormats("Tổng hợp")).toEqual([
      expect.objectContaining({
        address: "B2:B3",
        formula: "=$B2=0",
        fillColor: "#FFC7CE",
        fontColor: "#9C0006",
        stopIfTrue: true,
        priority: 0,
      }),
    ]);
    expect(fake.cell("'Tổng hợp'!A1").format).toEqual({
      fillColor: "#D9E1F2",
      font: { bold: true },
    });
    expect(fake.texts("'Tổng hợp'!C2")).toEqual([["1,500,000 ₫"]]);
  });
});

describe("Office globals", () => {
  it("installs Excel, Office and OfficeExtension, and removes them again", async () => {
    const fake = plan();
    const office = fakeOffice({ supportedSets: { ExcelApi: "1.12" }, displayLanguage: "vi-VN" });
    const g = globalThis as unknown as {
      Excel?: {
        run: (b: (ctx: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;
        ChartType: Record<string, string>;
      };
      Office?: typeof office;
      OfficeExtension?: { Error: unknown };
    };
    const uninstall = installFakeOffice(globalThis, fake, office);
    try {
      expect(g.Office!.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
      expect(g.Office!.context.requirements.isSetSupported("ExcelApi", "1.14")).toBe(false);
      expect(g.Office!.context.displayLanguage).toBe("vi-VN");
      await expect(g.Office!.onReady()).resolves.toEqual({
        host: "Excel",
        platform: "OfficeOnline",
      });
      expect(g.Excel!.ChartType.columnClustered).toBe("ColumnClustered");
      await g.Excel!.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Cài đặt").getRange("B1").values = [[2030]];
        await ctx.sync();
      });
      expect(fake.values("'Cài đặt'!B1")).toEqual([[2030]]);
      const error = await g
        .Excel!.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("?");
          await ctx.sync();
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(g.OfficeExtension!.Error as new (...args: never[]) => Error);

      let ran = false;
      office.actions.associate("convertToTracker", (event) => {
        ran = true;
        event.completed();
      });
      await office.invokeCommand("convertToTracker");
      expect(ran).toBe(true);
    } finally {
      uninstall();
    }
    expect(g.Excel).toBeUndefined();
    expect(g.Office).toBeUndefined();
  });

  it("outside Office, onReady resolves with host null", async () => {
    await expect(fakeOffice({ host: null }).onReady()).resolves.toEqual({
      host: null,
      platform: null,
    });
  });
});
