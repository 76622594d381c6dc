/**
 * A sheet the tool rebuilds ("Kinh phí", "Tiến độ") that someone had worked on (track.ts keeps
 * it under another name), and the one message the CLI and the pane show about it.
 */
import type { Bilingual } from "../diagnostics";

/** Kept under another name; a fresh sheet was built. */
export interface KeptSheet {
  readonly sheet: string;
  readonly keptAs: string;
}

/** What the shells (CLI, pane) tell the user about a kept sheet. */
export function keptSheetText(k: KeptSheet): Bilingual {
  return {
    vi: `Trang "${k.sheet}" đã được sửa tay sau lần chạy trước: giữ lại với tên "${k.keptAs}"; trang "${k.sheet}" được tạo mới.`,
    en: `The sheet "${k.sheet}" was edited since the last run: kept as "${k.keptAs}"; a fresh "${k.sheet}" was built.`,
  };
}
