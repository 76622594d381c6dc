/**
 * jsdom (the task pane's unit tests) leaves out TextEncoder, which every browser and Node have;
 * the fake Excel measures request sizes with it. Give jsdom Node's, the same implementation.
 */
import { TextEncoder } from "node:util";

if (typeof globalThis.TextEncoder === "undefined") {
  Object.defineProperty(globalThis, "TextEncoder", { value: TextEncoder, writable: true });
}
