/**
 * `JSON.stringify(value, null, 2)` of a command's result, in pieces: the elements of its
 * top-level arrays one at a time. `check --json` of a 50 000-row plan is a 25 MB text; built
 * whole it is a 50 MB string plus its UTF-8 copy for stdout, the largest allocation of the run
 * (BENCHMARKS.md). The pieces join to exactly the text JSON.stringify gives (jsonOut.test.ts).
 */

/** One value at the given indentation, as JSON.stringify(…, null, 2) writes it nested there. */
function nested(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return text === undefined ? "null" : text.replace(/\n/g, `\n${indent}`);
}

/** Array elements per piece: big enough that JSON.stringify does the work, small enough to stream. */
const ELEMENTS_PER_PIECE = 256;

/**
 * Elements `from`..`to` of a top-level array, as they stand inside it: "\n    a,\n    b".
 * Stringified nested two levels deep (`[[…]]`), so V8 writes the indentation itself instead of a
 * replace over every line afterwards (the replace was most of this function's time).
 */
function elements(array: readonly unknown[], from: number, to: number): string {
  const text = JSON.stringify([array.slice(from, to)], null, 2);
  return text.slice("[\n  [".length, text.length - "\n  ]\n]".length);
}

function omitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** The pieces of `JSON.stringify(value, null, 2)` for a plain object. */
export function* prettyJsonPieces(value: Readonly<Record<string, unknown>>): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => !omitted(v));
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  yield "{";
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i] as [string, unknown];
    const head = `${i > 0 ? "," : ""}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      yield `${head}[`;
      for (let j = 0; j < v.length; j += ELEMENTS_PER_PIECE)
        yield `${j > 0 ? "," : ""}${elements(v, j, j + ELEMENTS_PER_PIECE)}`;
      yield "\n  ]";
    } else yield `${head}${nested(v, "  ")}`;
  }
  yield "\n}";
}

/** Writes the pieces through `write` in chunks of about `chunk` characters. */
export function writeJson(
  value: Readonly<Record<string, unknown>>,
  write: (text: string) => void,
  chunk = 1 << 20,
): void {
  let buffer = "";
  for (const piece of prettyJsonPieces(value)) {
    buffer += piece;
    if (buffer.length >= chunk) {
      write(buffer);
      buffer = "";
    }
  }
  write(`${buffer}\n`);
}
