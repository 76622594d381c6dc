import fc from "fast-check";
import {
  isClosed,
  isDone,
  parseStatus,
  STATUS_EN,
  STATUSES,
  type Status,
} from "../../../src/domain/status";

describe("status values", () => {
  it("lists the five dropdown values with English labels", () => {
    expect(STATUSES).toEqual(["Chưa thực hiện", "Đang thực hiện", "Đã phát sóng", "Hoãn", "Hủy"]);
    expect(STATUSES.map((s) => STATUS_EN[s])).toEqual([
      "Not started",
      "In progress",
      "Aired (done)",
      "Postponed",
      "Cancelled",
    ]);
  });

  it.each([
    ["Chưa thực hiện", false, false],
    ["Đang thực hiện", false, false],
    ["Đã phát sóng", true, true],
    ["Hoãn", false, false],
    ["Hủy", false, true],
    [null, false, false],
  ] as const)("%p: done %p, closed %p", (s, done, closed) => {
    expect(isDone(s)).toBe(done);
    expect(isClosed(s)).toBe(closed);
  });
});

describe("parseStatus", () => {
  it.each<[string, Status]>([
    ["Chưa thực hiện", "Chưa thực hiện"],
    ["chưa thực hiện", "Chưa thực hiện"],
    ["CHUA THUC HIEN", "Chưa thực hiện"],
    ["Chưa", "Chưa thực hiện"],
    ["not started", "Chưa thực hiện"],
    ["Đang thực hiện", "Đang thực hiện"],
    ["đang làm", "Đang thực hiện"],
    ["In progress", "Đang thực hiện"],
    ["Đã phát sóng", "Đã phát sóng"],
    ["đã phát sóng.", "Đã phát sóng"],
    ["da phat song", "Đã phát sóng"],
    ["Đã phát", "Đã phát sóng"],
    ["Hoàn thành", "Đã phát sóng"],
    ["Xong", "Đã phát sóng"],
    ["done", "Đã phát sóng"],
    ["Aired", "Đã phát sóng"],
    ["Hoãn", "Hoãn"],
    ["Tạm hoãn", "Hoãn"],
    ["Postponed", "Hoãn"],
    ["Hủy", "Hủy"],
    ["Huỷ", "Hủy"],
    ["HỦY", "Hủy"],
    ["Hủy bỏ", "Hủy"],
    ["huỷ bỏ", "Hủy"],
    ["cancelled", "Hủy"],
    ["Canceled", "Hủy"],
    ["  Đang\nthực  hiện ", "Đang thực hiện"],
  ])("reads %p as %p", (input, status) => {
    expect(parseStatus(input)).toEqual({ value: status, issues: [] });
  });

  it.each([
    ["Đã phát sónh", "Đã phát sóng"],
    ["hoan thah", "Đã phát sóng"],
    ["Đang thực hiênn", "Đang thực hiện"],
    ["huyy", "Hủy"],
    ["postpone", "Hoãn"],
    ["Chưa thực hện", "Chưa thực hiện"],
  ])("rejects the typo %p and suggests %p", (input, suggestion) => {
    const r = parseStatus(input);
    expect(r.value).toBeNull();
    expect(r.issues).toHaveLength(1);
    const [found] = r.issues;
    expect(found?.code).toBe("status.unknown");
    expect(found?.severity).toBe("error");
    expect(found?.suggestion).toBe(suggestion);
    expect(found?.text.vi).toContain(`Có phải là "${suggestion}"?`);
    expect(found?.text.en).toContain(`Did you mean "${suggestion}"?`);
  });

  it.each([
    ["Đang chờ duyệt"],
    ["abc"],
    ["x"],
    ["ho"],
    [42],
    [true],
    [{ kind: "error", code: "#N/A" }],
  ])("rejects %p with no suggestion, listing the valid values", (input) => {
    const [found] = parseStatus(input).issues;
    expect(found?.code).toBe("status.unknown");
    expect(found?.suggestion).toBeNull();
    for (const s of STATUSES) {
      expect(found?.text.vi).toContain(s);
      expect(found?.text.en).toContain(s);
    }
    expect(found?.text.en).toContain("Aired (done)");
  });

  it("quotes the received value", () => {
    const [found] = parseStatus("Đang chờ duyệt").issues;
    expect(found?.text.vi).toMatch(/^Trạng thái "Đang chờ duyệt" không hợp lệ\./);
    expect(found?.text.en).toMatch(/^Unknown status "Đang chờ duyệt"\./);
  });

  it.each([[null], [undefined], [""], ["  "]])("leaves blank %p to the rules", (input) => {
    expect(parseStatus(input)).toEqual({ value: null, issues: [] });
  });

  it("reads every canonical value back, whatever its case", () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.boolean(), (s, upper) => {
        expect(parseStatus(upper ? s.toUpperCase() : s.toLowerCase()).value).toBe(s);
      }),
    );
  });

  it("never throws, and gives a status or an error", () => {
    const check = (input: unknown): void => {
      const r = parseStatus(input);
      if (input === null || input === undefined || (typeof input === "string" && !input.trim()))
        return;
      if (r.value !== null) expect(STATUSES).toContain(r.value);
      else expect(r.issues.some((i) => i.severity === "error")).toBe(true);
      for (const i of r.issues) if (i.suggestion) expect(STATUSES).toContain(i.suggestion);
    };
    fc.assert(fc.property(fc.anything(), check));
    fc.assert(fc.property(fc.string({ unit: "binary" }), check));
  });
});
