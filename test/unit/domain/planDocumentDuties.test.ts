import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePlanDocument } from "../../../src/domain/planDocument";
import { readRecurringDuties } from "../../../src/domain/planDocumentDuties";

const SEED = readFileSync(join(__dirname, "../../../assets/samples/ke-hoach-2023.txt"), "utf8");

function duties(text: string) {
  return readRecurringDuties(text.split("\n").map((t, i) => ({ no: i + 1, text: t.trim() })));
}

describe("recurring duties in a plan document's prose", () => {
  it("finds the seed's weekly duty, said on lines 21 and 49, once", () => {
    expect(parsePlanDocument(SEED).document.items.filter((i) => i.recurring)).toEqual([
      {
        periodText: "Hằng tuần",
        title: "Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh",
        countText: null,
        typeText: "tin, phóng sự",
        durationText: null,
        unit: "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông",
        sourceLine: 21,
        recurring: { lines: [21, 49] },
      },
    ]);
  });

  it.each([
    [
      "the seed's sentence",
      "- Chủ động tổ chức sản xuất các tin, bài, phóng sự để phát trên sóng phát thanh, truyền hình tỉnh Kon Tum. Hằng tuần, Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh; khai thác các tin, bài đã phát trên sóng Đài Phát thanh - Truyền hình tỉnh chia sẻ trên các mạng xã hội.",
      {
        periodText: "Hằng tuần",
        title: "Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh",
        unit: "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông",
        typeText: "tin, phóng sự",
        countText: null,
      },
    ],
    [
      "a quota in the sentence",
      "- Hằng tuần, Phòng Văn hóa và Thông tin cung cấp ít nhất 02 tin/tuần cho Đài Phát thanh - Truyền hình tỉnh.",
      {
        periodText: "Hằng tuần",
        title: "Cung cấp ít nhất 02 tin/tuần cho Đài Phát thanh - Truyền hình tỉnh",
        unit: "Phòng Văn hóa và Thông tin",
        typeText: "tin",
        countText: "ít nhất 02 tin/tuần",
      },
    ],
    [
      "a monthly report with its count",
      "- Trung tâm Truyền thông xã xây dựng 04 phóng sự mỗi tháng phát trên sóng Đài tỉnh hằng tháng.",
      {
        periodText: "Hằng tháng",
        title: "Xây dựng 04 phóng sự mỗi tháng phát trên sóng Đài tỉnh",
        unit: "Trung tâm Truyền thông xã",
        typeText: "phóng sự",
        countText: "04 phóng sự mỗi tháng",
      },
    ],
    [
      "a quarterly column, spelled 'mỗi quý'",
      "- Mỗi quý, Đài Phát thanh - Truyền hình tỉnh phát 01 chuyên mục về cải cách hành chính của xã.",
      {
        periodText: "Hằng quý",
        title: "Phát 01 chuyên mục về cải cách hành chính của xã",
        unit: "Đài Phát thanh - Truyền hình tỉnh",
        typeText: "chuyên mục",
        countText: "01 chuyên mục",
      },
    ],
    [
      "every two weeks",
      "- Trung tâm cộng tác tin, bài phát trên sóng Đài tỉnh 2 tuần/lần.",
      {
        periodText: "2 tuần/lần",
        title: "Cộng tác tin, bài phát trên sóng Đài tỉnh",
        unit: "Trung tâm",
        typeText: "tin, bài",
        countText: null,
      },
    ],
  ])("reads %s", (_name, text, expected) => {
    expect(duties(text)).toEqual([
      { ...expected, durationText: null, sourceLine: 1, recurring: { lines: [1] } },
    ]);
  });

  it("takes the unit from the numbered heading a duty sits under", () => {
    const found = duties(
      [
        "3. Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện:",
        "- Thực hiện xây dựng tin bài, phóng sự phát trên chương trình phát thanh của huyện và cộng tác phát trên sóng Đài Phát thanh - Truyền hình tỉnh hằng tuần.",
      ].join("\n"),
    );
    expect(found).toEqual([
      expect.objectContaining({
        periodText: "Hằng tuần",
        title:
          "Thực hiện xây dựng tin bài, phóng sự phát trên chương trình phát thanh của huyện và cộng tác phát trên sóng Đài Phát thanh - Truyền hình tỉnh",
        unit: "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện",
        typeText: "tin bài, phóng sự",
      }),
    ]);
  });

  it.each([
    [
      "a weekly work schedule (no product)",
      "- Cung cấp Lịch công tác hằng tuần của Thường trực Huyện ủy - Thường trực Hội đồng nhân dân - Lãnh đạo Ủy ban nhân dân huyện cho Đài Phát thanh - Truyền hình tỉnh.",
    ],
    [
      "a yearly budget",
      "Ủy ban nhân dân huyện giao kinh phí hằng năm cho Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông thực hiện theo quy định của pháp luật.",
    ],
    [
      "periodic information (thông tin is not a news item)",
      "- Các cơ quan, đơn vị trên địa bàn huyện, Ủy ban nhân dân các xã thường xuyên và định kỳ cung cấp thông tin để đảm bảo cho công tác tuyên truyền trên địa bàn huyện.",
    ],
    [
      "products without a frequency",
      "- Chủ động tổ chức sản xuất các tin, bài, phóng sự để phát trên sóng.",
    ],
    ["a dated schedule line", "+ Đẩy mạnh cải cách hành chính (01 phóng sự, thời lượng 05 phút)."],
  ])("does not take %s for a duty", (_name, text) => {
    expect(duties(text)).toEqual([]);
  });

  it("keeps two duties of different frequencies apart, and merges the same one said twice", () => {
    const found = duties(
      [
        "- Hằng tuần, Trung tâm Truyền thông cộng tác 01 tin phát trên sóng Đài tỉnh.",
        "- Hằng tháng, Trung tâm Truyền thông xây dựng 01 phóng sự phát trên sóng Đài tỉnh.",
        "- Trung tâm Truyền thông huyện cộng tác tin phát trên sóng Đài tỉnh hằng tuần.",
      ].join("\n"),
    );
    expect(found.map((d) => [d.periodText, d.recurring?.lines])).toEqual([
      ["Hằng tuần", [1, 3]],
      ["Hằng tháng", [2]],
    ]);
  });
});

describe("duties and the dated schedule share no line", () => {
  it("a '-' duty under a period heading ends that period's list; a '+' item with a frequency stays dated", () => {
    const { document } = parsePlanDocument(
      [
        "- Quý I/2024:",
        "+ Chuyên mục nông thôn mới phát hằng tuần (01 chuyên mục, thời lượng 10 phút).",
        "- Hằng tuần, Trung tâm Truyền thông xã cộng tác 01 tin phát trên sóng Đài tỉnh.",
      ].join("\n"),
    );
    expect(document.items.map((i) => [i.periodText, i.title, i.recurring?.lines ?? null])).toEqual([
      ["Quý I/2024", "Chuyên mục nông thôn mới phát hằng tuần", null],
      ["Hằng tuần", "Cộng tác 01 tin phát trên sóng Đài tỉnh", [3]],
    ]);
  });
});
