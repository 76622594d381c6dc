/**
 * Connects one copy of Microsoft's Excel client (the `Excel` and `OfficeExtension` namespaces
 * of excel-web-16.00.debug.js, loaded in a Node vm context or in a page) to a FakeWorkbook: a
 * session whose request executor hands each RichApi message to the workbook host, made the
 * client's default session so `Excel.run(batch)` and `new Excel.RequestContext()` talk to the
 * fake. One connection is one add-in runtime (task pane, ribbon function file).
 */
import type { RuntimeState } from "./call";
import type { WireRequestBody } from "./dispatch";
import type { FakeWorkbook } from "./workbook";

/** The parts of the client's namespaces the connection uses. */
export interface ClientNamespaces {
  readonly Excel: { run: (...args: unknown[]) => Promise<unknown> } & Record<string, unknown>;
  readonly OfficeExtension: Record<string, unknown>;
  readonly Office?: Record<string, unknown>;
}

interface SessionBaseClass {
  new (): object;
  _overrideSession?: object;
}

interface RequestMessage {
  Body: WireRequestBody | string;
}

export interface ClientConnection {
  readonly runtime: RuntimeState;
  readonly Excel: ClientNamespaces["Excel"];
  readonly OfficeExtension: ClientNamespaces["OfficeExtension"];
  /** `Excel.run` of this runtime, bound to the workbook. */
  readonly run: (...args: unknown[]) => Promise<unknown>;
}

export function connectClient(
  ns: ClientNamespaces,
  fake: FakeWorkbook,
  name: string,
): ClientConnection {
  const ext = ns.OfficeExtension as {
    SessionBase: SessionBaseClass;
    Promise: { resolve(v?: unknown): unknown };
    _testSetRichApiMessageReadyImpl(impl: () => unknown): void;
    _testTriggerRichApiMessageEvent(message: unknown): void;
    Constants: { eventWorkbookId: string };
  };
  // A RichApi event message as Excel sends it: category 65536 (events), type 10 (data changed).
  const runtime = fake.addRuntime(name, (targetSheetId, payload) =>
    ext._testTriggerRichApiMessageEvent({
      entries: [
        {
          messageCategory: 65536,
          messageType: 10,
          targetId: targetSheetId ?? ext.Constants.eventWorkbookId,
          message: JSON.stringify(payload),
        },
      ],
    }),
  );
  // Without a host page the client has no channel to register events with; this says "ready".
  ext._testSetRichApiMessageReadyImpl(() => ext.Promise.resolve());
  const Base = ext.SessionBase;
  class FakeHostSession extends Base {
    _createRequestExecutorOrNull(): object {
      return {
        executeAsync: (_customData: unknown, requestFlags: number, message: RequestMessage) =>
          fake.serve(
            runtime,
            requestFlags,
            typeof message.Body === "string"
              ? (JSON.parse(message.Body) as WireRequestBody)
              : message.Body,
          ),
      };
    }
  }
  const session = new FakeHostSession();
  Base._overrideSession = session;
  const excel = ns.Excel;
  return {
    runtime,
    Excel: excel,
    OfficeExtension: ns.OfficeExtension,
    run: (...args: unknown[]) => excel.run(...args),
  };
}
