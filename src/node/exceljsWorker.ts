/**
 * The worker thread that runs exceljs on a user's workbook (started by exceljsHost.ts). A worker
 * can be terminated mid-parse and has its own heap limit, so a file that makes exceljs loop,
 * exhaust memory or write to Object.prototype cannot hang, crash or poison the CLI itself.
 *
 * Messages in: { op: "load", bytes, name, withData } then optionally { op: "track", options }.
 * Messages out: { ok: true, data? } / { ok: true, bytes, summary } / { ok: false, error }.
 */
import { parentPort } from "node:worker_threads";
import type ExcelJS from "exceljs";
import { workbookData } from "../adapters/exceljs/readWorkbook";
import { loadExcelJs } from "./exceljsLoad";
import { describeError, type WorkerRequest } from "./exceljsProtocol";
import { trackLoaded } from "./trackLoaded";

let workbook: ExcelJS.Workbook | null = null;

async function handle(msg: WorkerRequest): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  try {
    if (msg.op === "load") {
      workbook = await loadExcelJs(msg.bytes, msg.name);
      port.postMessage(msg.withData ? { ok: true, data: workbookData(workbook) } : { ok: true });
    } else {
      if (workbook === null) throw new Error("track before load");
      const { bytes, summary } = await trackLoaded(workbook, msg.options);
      workbook = null;
      port.postMessage({ ok: true, bytes, summary });
    }
  } catch (err) {
    port.postMessage({ ok: false, error: describeError(err) });
  }
}

parentPort?.on("message", (msg: WorkerRequest) => void handle(msg));
