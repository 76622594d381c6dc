/** The partner station as a plan names it: before and after the 2025 mergers of press agencies. */
import { stationFrom } from "../../../src/domain/station";

describe("stationFrom", () => {
  it.each<[string, (string | null)[], string | null]>([
    [
      "the seed's title, in capitals",
      [
        "Ủy ban nhân dân huyện Ia H'Drai",
        "KẾ HOẠCH PHỐI HỢP TUYÊN TRUYỀN GIỮA ỦY BAN NHÂN DÂN HUYỆN VỚI ĐÀI PHÁT THANH - TRUYỀN HÌNH TỈNH NĂM 2023",
      ],
      "Đài Phát thanh - Truyền hình tỉnh",
    ],
    [
      "the seed's Căn cứ line: the name, up to the next organisation",
      [
        "Căn cứ Quy chế số 01/QCPH-PHTH-BKT-UBND ngày 16/01/2020 phối hợp tuyên truyền giữa Đài Phát thanh - Truyền hình tỉnh Kon Tum và Báo Kon Tum với UBND các huyện",
      ],
      "Đài Phát thanh - Truyền hình tỉnh Kon Tum",
    ],
    [
      "the seed's units cell",
      [
        "Đài Phát thanh - Truyền hình tỉnh; Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện",
      ],
      "Đài Phát thanh - Truyền hình tỉnh",
    ],
    [
      "a merged provincial press agency (2025)",
      ["KẾ HOẠCH PHỐI HỢP TUYÊN TRUYỀN VỚI BÁO VÀ PHÁT THANH, TRUYỀN HÌNH QUẢNG NGÃI NĂM 2025"],
      "Báo và Phát thanh, Truyền hình Quảng Ngãi",
    ],
    [
      "the same in ordinary case",
      ["Phối hợp với Báo và Phát thanh, Truyền hình Gia Lai thực hiện"],
      "Báo và Phát thanh, Truyền hình Gia Lai",
    ],
    ["an abbreviation", ["Đài PT-TH tỉnh"], "Đài PT-TH tỉnh"],
    ["an abbreviation in capitals", ["ĐÀI PTTH TỈNH ĐẮK LẮK"], "Đài PTTH tỉnh Đắk Lắk"],
    [
      "'và' between the words",
      ["Kế hoạch phối hợp với Đài Phát thanh và Truyền hình Hà Nội năm 2025"],
      "Đài Phát thanh và Truyền hình Hà Nội",
    ],
    [
      "ordinary case wins over capitals",
      [
        "KẾ HOẠCH VỚI ĐÀI PHÁT THANH - TRUYỀN HÌNH TỈNH",
        "Đài Phát thanh - Truyền hình tỉnh Kon Tum",
      ],
      "Đài Phát thanh - Truyền hình tỉnh Kon Tum",
    ],
    ["no station", ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2025", null, "Phòng Văn hóa - Xã hội"], null],
    ["'phát thanh' alone is not a station", ["chương trình phát thanh của xã"], null],
  ])("%s", (_, lines, station) => {
    expect(stationFrom(lines)).toBe(station);
  });
});
