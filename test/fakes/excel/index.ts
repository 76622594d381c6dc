/**
 * The fake Excel host in Node (Jest, benchmarks): the workbook host (core.ts) with Microsoft's
 * client loaded in a vm context per add-in runtime (nodeClient.ts).
 */
import { FakeWorkbook } from "./workbook";
import { realClient } from "./nodeClient";

export * from "./core";
export { loadExcelClient, realClient } from "./nodeClient";

FakeWorkbook.clientFactory = (fake, name, office) => realClient(fake, office, name);
