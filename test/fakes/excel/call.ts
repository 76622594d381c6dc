/**
 * What the host knows while it answers one request: the workbook, the runtime (add-in instance)
 * that sent it, and which request of the workbook this is. Every host object of the request
 * shares it; API requirement checks are made here, as Excel answers ApiNotFound for a method of
 * a requirement set it does not implement.
 */
import { FakeOfficeError } from "./errors";
import type { FakeWorkbook } from "./workbook";

/**
 * One JavaScript runtime of the add-in (the task pane, a ribbon command's function file, a
 * dialog): each loads its own copy of Microsoft's client and has its own `enableEvents`, as the
 * Runtime object's docs say ("Toggle JavaScript events in the current task pane or content
 * add-in").
 */
export interface RuntimeState {
  readonly id: number;
  readonly name: string;
  enableEvents: boolean;
  /** Delivers an event (target: a worksheet id, or null for the workbook) to this runtime's client. */
  readonly deliver: (targetSheetId: string | null, payload: Record<string, unknown>) => void;
  /** Event registrations made by this runtime: worksheet id, or null for all sheets. */
  readonly registrations: { sheetId: string | null }[];
  /** References (ranges) this runtime's client holds between requests, by reference id. */
  readonly references: Map<string, unknown>;
}

export class HostCall {
  constructor(
    readonly fake: FakeWorkbook,
    readonly runtime: RuntimeState,
  ) {}

  /** The workbook's request count, for the log of calls that change nothing visible. */
  get syncCount(): number {
    return this.fake.stats.syncCount;
  }

  _require(version: string, api: string): void {
    if (!this.fake.supports(version)) {
      throw new FakeOfficeError("ApiNotFound", {
        args: [api, `ExcelApi ${version}`],
        location: api,
      });
    }
  }
}
