/** Messages between exceljsHost.ts and exceljsWorker.ts (no exceljs import: cheap to load). */
import type { TrackOptions } from "../domain/tracker/track";

export type WorkerRequest =
  | {
      readonly op: "load";
      readonly bytes: Uint8Array;
      readonly name: string;
      /** Send the cells back (read commands); track builds its layout in the worker instead. */
      readonly withData: boolean;
    }
  | { readonly op: "track"; readonly options: TrackOptions };

export type WorkerError =
  | {
      readonly kind: "plan-tracker";
      readonly code: string;
      readonly vi: string;
      readonly en: string;
    }
  | { readonly kind: "unexpected"; readonly message: string; readonly stack: string | null };

/** An error as plain data: class instances do not survive postMessage. */
export function describeError(err: unknown): WorkerError {
  const e = (typeof err === "object" && err !== null ? err : {}) as Record<string, unknown>;
  const text = e.text as { vi?: unknown; en?: unknown } | undefined;
  if (
    e.name === "PlanTrackerError" &&
    typeof e.code === "string" &&
    typeof text?.vi === "string" &&
    typeof text.en === "string"
  )
    return { kind: "plan-tracker", code: e.code, vi: text.vi, en: text.en };
  return {
    kind: "unexpected",
    message: typeof e.message === "string" ? e.message : String(err),
    stack: typeof e.stack === "string" ? e.stack : null,
  };
}
