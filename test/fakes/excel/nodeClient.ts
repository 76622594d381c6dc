/**
 * Microsoft's Excel JavaScript client (excel-web-16.00.debug.js from @microsoft/office-js) in
 * Node: each call evaluates the client in a fresh vm context — one add-in runtime with its own
 * event registrations and `enableEvents` — and connects it to a FakeWorkbook. The client checks
 * requirement sets itself through `Office.context.requirements`, as it does in Excel, so the
 * context gets the fake Office's.
 */
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { type ClientConnection, type ClientNamespaces, connectClient } from "./connection";
import type { FakeOffice } from "./office";
import type { FakeWorkbook } from "./workbook";

const CLIENT = "@microsoft/office-js/dist/excel-web-16.00.debug.js";
let script: vm.Script | undefined;

function clientScript(): vm.Script {
  if (!script) {
    const file = require.resolve(CLIENT);
    script = new vm.Script(readFileSync(file, "utf8"), { filename: "excel-web-16.00.debug.js" });
  }
  return script;
}

/** A fresh copy of the client's namespaces whose Office.context is `office`'s. */
export function loadExcelClient(office: Pick<FakeOffice, "context">): ClientNamespaces {
  const g: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    Promise,
    navigator: { userAgent: "Mozilla/5.0 (X11; Linux x86_64) PlanTrackerTest" },
  };
  g.window = g;
  g.self = g;
  vm.createContext(g);
  clientScript().runInContext(g);
  // The client's own Office.context is a getter with nothing behind it outside Excel: shadow it.
  const clientOffice = Object.create(g.Office as object, {
    context: { value: office.context, enumerable: true },
  }) as Record<string, unknown>;
  g.Office = clientOffice;
  return {
    Excel: g.Excel as ClientNamespaces["Excel"],
    OfficeExtension: g.OfficeExtension as Record<string, unknown>,
    Office: clientOffice,
  };
}

/** One runtime (named for test output: "taskpane", "ribbon") of the real client on `fake`. */
export function realClient(
  fake: FakeWorkbook,
  office: Pick<FakeOffice, "context">,
  name = "taskpane",
): ClientConnection {
  return connectClient(loadExcelClient(office), fake, name);
}
