/**
 * Runs exceljs on a user's workbook under a time limit and a memory limit the user can see.
 *
 * inspectPackage and sheetGuards refuse every cause of a slow or huge load we know of; this is
 * the net for the ones we do not. exceljs runs in a worker thread (exceljsWorker.ts):
 * - after `SLOW_NOTICE_MS` a line on stderr says the workbook is being read and what the limit is;
 * - past the limit (PLAN_TRACKER_LOAD_TIMEOUT seconds, default 60) the worker is terminated —
 *   even inside a synchronous loop — and the command ends with a clear message (exit 2);
 * - the worker's heap is capped (PLAN_TRACKER_MAX_MEMORY_MB, default: the CLI's own heap limit),
 *   so running out of memory ends the worker with a message instead of crashing the CLI;
 * - anything exceljs does to its globals (Object.prototype...) dies with the worker.
 *
 * When the worker script is not available — running from the TypeScript sources under jest — or
 * PLAN_TRACKER_IN_THREAD=1, exceljs runs in this thread without those limits (the guards before
 * it still apply). The built CLI (dist/) always has the worker.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { getHeapStatistics } from "node:v8";
import { Worker } from "node:worker_threads";
import type ExcelJS from "exceljs";
import { PlanTrackerError, type Bilingual, type Lang } from "../domain/diagnostics";
import type { TrackOptions, TrackSummary } from "../domain/tracker/track";
import type { WorkbookData } from "../domain/workbookData";
import { describeError, type WorkerError, type WorkerRequest } from "./exceljsProtocol";

export const DEFAULT_LOAD_TIMEOUT_S = 60;
/** When to tell the user a workbook is taking long (and what the limit is); sooner for short limits. */
export const SLOW_NOTICE_MS = 3_000;

export interface HostOptions {
  /** Seconds a load (or a track) may take; default PLAN_TRACKER_LOAD_TIMEOUT or 60. */
  readonly timeoutSeconds?: number;
  /** Heap of the worker in MiB; default PLAN_TRACKER_MAX_MEMORY_MB or this process's limit. */
  readonly maxMemoryMb?: number;
  /** Where the "still reading..." notice goes, and in which language. */
  readonly notify?: (text: string) => void;
  readonly lang?: Lang;
}

/** A workbook exceljs has read, kept where exceljs runs until closed. */
export interface LoadedWorkbook {
  /**
   * Builds the tracker of this workbook, applies it and returns the new .xlsx bytes with a
   * summary of the run (trackLoaded.ts). Once per workbook.
   */
  track(options: TrackOptions): Promise<{ bytes: Buffer; summary: TrackSummary }>;
  /** Frees the workbook (ends the worker). Safe to call twice. */
  close(): Promise<void>;
}

/** The cells of a workbook exceljs has read (check, summary, rollup when the stream reader gives up). */
export interface OpenedWorkbook {
  readonly data: WorkbookData;
  /** Frees the workbook (ends the worker). Safe to call twice. */
  close(): Promise<void>;
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function loadTimeoutSeconds(opts: HostOptions = {}): number {
  return opts.timeoutSeconds ?? envNumber("PLAN_TRACKER_LOAD_TIMEOUT") ?? DEFAULT_LOAD_TIMEOUT_S;
}

function maxMemoryMb(opts: HostOptions): number {
  return (
    opts.maxMemoryMb ??
    envNumber("PLAN_TRACKER_MAX_MEMORY_MB") ??
    Math.max(256, Math.floor(getHeapStatistics().heap_size_limit / 1024 / 1024))
  );
}

/** The compiled worker next to this file, or null when running from sources. */
function workerScript(): string | null {
  if (process.env.PLAN_TRACKER_IN_THREAD === "1") return null;
  if (!__filename.endsWith(".js")) return null;
  const script = join(__dirname, "exceljsWorker.js");
  return existsSync(script) ? script : null;
}

function tooSlow(op: WorkerRequest["op"], name: string, seconds: number): PlanTrackerError {
  const verb: Bilingual =
    op === "load" ? { vi: "Đọc", en: "Reading" } : { vi: "Ghi", en: "Writing" };
  return new PlanTrackerError("file.too-slow", {
    vi: `${verb.vi} sổ tính "${name}" quá ${seconds} giây nên công cụ đã dừng (tệp không bị thay đổi). Tệp có thể quá lớn hoặc chứa thứ làm bộ đọc chạy rất chậm (hàng chục nghìn ô gộp, quy tắc áp cho cả cột...). Hãy chép trang kế hoạch sang một sổ tính mới rồi chạy lại; nếu tệp thật sự cần nhiều thời gian, đặt biến môi trường PLAN_TRACKER_LOAD_TIMEOUT (giây) lớn hơn.`,
    en: `${verb.en} the workbook "${name}" took more than ${seconds} seconds, so the tool stopped (the file was not changed). It may be too large, or hold something that makes the reader very slow (tens of thousands of merged cells, rules on whole columns...). Copy the plan sheet into a new workbook and run again; if the file really needs more time, set the PLAN_TRACKER_LOAD_TIMEOUT environment variable (seconds) higher.`,
  });
}

function outOfMemory(name: string, mb: number): PlanTrackerError {
  return new PlanTrackerError("file.too-large", {
    vi: `Sổ tính "${name}" cần nhiều hơn ${mb} MB bộ nhớ để đọc nên công cụ đã dừng (tệp không bị thay đổi). Hãy chép trang kế hoạch sang một sổ tính mới rồi chạy lại.`,
    en: `The workbook "${name}" needs more than ${mb} MB of memory to read, so the tool stopped (the file was not changed). Copy the plan sheet into a new workbook and run again.`,
  });
}

function slowNotice(op: WorkerRequest["op"], name: string, seconds: number): Bilingual {
  return op === "load"
    ? {
        vi: `Đang đọc sổ tính lớn "${name}"... (tối đa ${seconds} giây)\n`,
        en: `Reading a large workbook "${name}"... (limit ${seconds} s)\n`,
      }
    : {
        vi: `Đang ghi sổ tính lớn "${name}"... (tối đa ${seconds} giây)\n`,
        en: `Writing a large workbook "${name}"... (limit ${seconds} s)\n`,
      };
}

function rethrow(error: WorkerError): never {
  if (error.kind === "plan-tracker")
    throw new PlanTrackerError(error.code, { vi: error.vi, en: error.en });
  const err = new Error(error.message);
  if (error.stack !== null) err.stack = error.stack;
  throw err;
}

interface Reply {
  readonly ok: boolean;
  readonly data?: WorkbookData;
  readonly bytes?: Uint8Array;
  readonly summary?: TrackSummary;
  readonly error?: WorkerError;
}

/** One worker, one workbook. */
class WorkerSession {
  private readonly worker: Worker;
  private closed = false;
  private pending: {
    resolve: (r: Reply) => void;
    reject: (e: unknown) => void;
  } | null = null;

  constructor(
    script: string,
    private readonly name: string,
    private readonly seconds: number,
    private readonly memoryMb: number,
    private readonly opts: HostOptions,
  ) {
    this.worker = new Worker(script, {
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      // The worker writes nothing itself; keep its streams off the user's terminal.
      stdout: true,
      stderr: true,
    });
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    this.worker.on("message", (reply: Reply) => this.settle((p) => p.resolve(reply)));
    this.worker.on("error", (err: unknown) => {
      const code = (err as { code?: unknown }).code;
      this.settle((p) =>
        p.reject(code === "ERR_WORKER_OUT_OF_MEMORY" ? outOfMemory(this.name, this.memoryMb) : err),
      );
    });
    this.worker.on("exit", () => {
      this.closed = true;
      this.settle((p) =>
        p.reject(new Error("the exceljs worker ended without an answer (out of memory?)")),
      );
    });
  }

  private settle(fn: (p: NonNullable<WorkerSession["pending"]>) => void): void {
    const p = this.pending;
    this.pending = null;
    if (p !== null) fn(p);
  }

  /** Sends one request and waits for its reply under the time limit. */
  async request(msg: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.closed) throw new Error("the exceljs worker has ended");
    const notice = setTimeout(
      () => {
        const text = slowNotice(msg.op, this.name, this.seconds);
        this.opts.notify?.(text[this.opts.lang ?? "vi"]);
      },
      Math.min(SLOW_NOTICE_MS, (this.seconds * 1000) / 2),
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<Reply>((resolve, reject) => {
        this.pending = { resolve, reject };
        timer = setTimeout(() => {
          this.settle((p) => p.reject(tooSlow(msg.op, this.name, this.seconds)));
          void this.close();
        }, this.seconds * 1000);
        this.worker.postMessage(msg, transfer);
      });
    } finally {
      clearTimeout(notice);
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }
}

async function openInWorker(
  script: string,
  bytes: Uint8Array,
  name: string,
  opts: HostOptions,
  withData: boolean,
): Promise<LoadedWorkbook & { data: WorkbookData | null }> {
  const session = new WorkerSession(
    script,
    name,
    loadTimeoutSeconds(opts),
    maxMemoryMb(opts),
    opts,
  );
  try {
    // A private copy whose buffer can be moved to the worker without copying again.
    const copy = new Uint8Array(bytes);
    const reply = await session.request({ op: "load", bytes: copy, name, withData }, [copy.buffer]);
    if (!reply.ok || (withData && reply.data === undefined))
      rethrow(reply.error ?? describeError(reply));
    return {
      data: reply.data ?? null,
      async track(options: TrackOptions) {
        const out = await session.request({ op: "track", options });
        if (!out.ok || out.bytes === undefined || out.summary === undefined)
          rethrow(out.error ?? describeError(out));
        const bytes = Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength);
        return { bytes, summary: out.summary };
      },
      close: () => session.close(),
    };
  } catch (err) {
    await session.close();
    throw err;
  }
}

async function openInThread(
  bytes: Uint8Array,
  name: string,
  withData: boolean,
): Promise<LoadedWorkbook & { data: WorkbookData | null }> {
  const { loadExcelJs } = await import("./exceljsLoad");
  let workbook: ExcelJS.Workbook | null = await loadExcelJs(bytes, name);
  let data: WorkbookData | null = null;
  if (withData) {
    const { workbookData } = await import("../adapters/exceljs/readWorkbook");
    data = workbookData(workbook);
  }
  return {
    data,
    async track(options: TrackOptions) {
      if (workbook === null) throw new Error("the workbook was closed");
      const { trackLoaded } = await import("./trackLoaded");
      const out = await trackLoaded(workbook, options);
      workbook = null;
      return out;
    },
    close: () => {
      workbook = null;
      return Promise.resolve();
    },
  };
}

function open(
  bytes: Uint8Array,
  name: string,
  opts: HostOptions,
  withData: boolean,
): Promise<LoadedWorkbook & { data: WorkbookData | null }> {
  const script = workerScript();
  return script === null
    ? openInThread(bytes, name, withData)
    : openInWorker(script, bytes, name, opts, withData);
}

/**
 * Reads `bytes` (already accepted by inspectPackage) with exceljs, in a worker with a time and
 * memory limit when possible, and returns its cells. Close the result when done.
 */
export async function openWorkbook(
  bytes: Uint8Array,
  name: string,
  opts: HostOptions = {},
): Promise<OpenedWorkbook> {
  const opened = await open(bytes, name, opts, true);
  const data = opened.data;
  if (data === null) throw new Error("exceljs returned no cells");
  return { data, close: () => opened.close() };
}

/**
 * The same for `track`: the workbook stays with exceljs, which builds and writes the tracker
 * there (LoadedWorkbook.track); its cells are not copied back. Close the result when done.
 */
export function openForTrack(
  bytes: Uint8Array,
  name: string,
  opts: HostOptions = {},
): Promise<LoadedWorkbook> {
  return open(bytes, name, opts, false);
}

/** Whether openWorkbook will use a worker (false when running from sources). */
export function usesWorker(): boolean {
  return workerScript() !== null;
}
