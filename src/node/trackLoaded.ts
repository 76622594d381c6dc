/**
 * `track` on a workbook exceljs has loaded: read its cells, build the tracker layout, apply it and
 * serialise the result. It runs where exceljs holds the workbook (the worker, exceljsWorker.ts),
 * so neither the workbook's cells nor the layout — hundreds of MB at 50 000 rows — are copied
 * between threads; only the bytes and a small summary come back (BENCHMARKS.md).
 */
import type ExcelJS from "exceljs";
import { applyLayout } from "../adapters/exceljs/applyLayout";
import { workbookData } from "../adapters/exceljs/readWorkbook";
import {
  buildTracker,
  summarizeTrack,
  type TrackOptions,
  type TrackSummary,
} from "../domain/tracker/track";
import { workbookBytes } from "./writeXlsx";

export interface Tracked {
  readonly bytes: Buffer;
  readonly summary: TrackSummary;
}

export async function trackLoaded(
  workbook: ExcelJS.Workbook,
  options: TrackOptions,
): Promise<Tracked> {
  const summary = applyTracker(workbook, options);
  // The cells read, the layout and the check result are garbage by now: exceljs's writer, the
  // peak of the run, does not have to share the heap with them.
  return { bytes: await workbookBytes(workbook), summary };
}

function applyTracker(workbook: ExcelJS.Workbook, options: TrackOptions): TrackSummary {
  const result = buildTracker(workbookData(workbook), options);
  applyLayout(workbook, result.layout);
  return summarizeTrack(result);
}
