/**
 * Requirement sets the add-in needs, checked at run time: the manifest declares none, because a
 * manifest requirement hides the add-in entirely and the clerk would never learn why.
 */
import type { Bilingual } from "../../domain/diagnostics";

export interface RequirementCheck {
  readonly ok: boolean;
  /** What this Excel lacks, for the pane to show; null when everything is there. */
  readonly message: Bilingual | null;
  /** Optional features this Excel has (page setup, merged-area detection, table resize). */
  readonly features: {
    readonly pageLayout: boolean;
    readonly mergedAreas: boolean;
    readonly tableResize: boolean;
    /** getSpecialCells (ExcelApi 1.9): lean reads of big plans. Absent: as pageLayout (1.9). */
    readonly specialCells?: boolean;
  };
}

interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** ExcelApi 1.8: conditional formats (1.6), events (1.7), data validation and enableEvents (1.8). */
export const REQUIRED = { set: "ExcelApi", version: "1.8" } as const;

export function checkRequirements(req: Requirements): RequirementCheck {
  const has = (v: string): boolean => {
    try {
      return req.isSetSupported("ExcelApi", v);
    } catch {
      return false;
    }
  };
  const features = {
    pageLayout: has("1.9"),
    mergedAreas: has("1.13"),
    tableResize: has("1.13"),
    specialCells: has("1.9"),
  };
  if (has(REQUIRED.version)) return { ok: true, message: null, features };
  return {
    ok: false,
    features,
    message: {
      vi: `Phiên bản Excel này chưa hỗ trợ ${REQUIRED.set} ${REQUIRED.version} (quy tắc kiểm tra dữ liệu, tô màu theo điều kiện và theo dõi thay đổi). Các bản dùng được: Microsoft 365, Excel trên web, Excel 2021 trở lên. Excel 2016 và Excel 2019 bản quyền số lượng lớn (volume licence) không đủ: hãy mở trang độc lập của công cụ (không cần Excel) với tệp .xlsx, hoặc dùng công cụ dòng lệnh.`,
      en: `This Excel does not support ${REQUIRED.set} ${REQUIRED.version} (data validation, conditional formatting and change tracking). It works in Microsoft 365, Excel on the web and Excel 2021 or later. Volume-licensed Excel 2016 and Excel 2019 stop below it: open the tool's standalone page (no Excel needed) with the .xlsx file, or use the command line.`,
    },
  };
}
