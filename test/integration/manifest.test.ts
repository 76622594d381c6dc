/**
 * manifest.xml: valid against the official XSDs (offline, ../shared/schemas/office-addin-manifest),
 * Vietnamese by default with English overrides for every string, nothing that hides the add-in,
 * every icon present at its pixel size, and a production copy with no local address left.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";

const REPO = path.resolve(__dirname, "../..");
const MANIFEST_FILE = path.join(REPO, "manifest.xml");
const VALIDATOR = path.join(REPO, "scripts/validate-manifest.mjs");

interface WebpackHelpers {
  readonly URL_DEV: string;
  readonly DEFAULT_URL_PROD: string;
  readonly productionUrl: (raw?: string) => string;
  readonly toProductionManifest: (xml: string, prodUrl?: string) => string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is untyped CommonJS (webpack-cli loads it); this is the replacement the build itself runs.
const webpackConfig = require("../../webpack.config.js") as WebpackHelpers;

/** The manifest text without comments, so comments never count as elements. */
const XML = readFileSync(MANIFEST_FILE, "utf8").replace(/<!--[\s\S]*?-->/g, "");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeEntities = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!);

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)="([^"]*)"/g)) out[m[1]!] = decodeEntities(m[2]!);
  return out;
}

/** Every `<name …>` element: its attributes and inner XML ("" when self-closing). */
function elements(xml: string, name: string): { attrs: Record<string, string>; inner: string }[] {
  const re = new RegExp(`<${name}(\\s[^>]*?)?(/>|>([\\s\\S]*?)</${name}>)`, "g");
  return [...xml.matchAll(re)].map((m) => ({ attrs: attrs(m[1] ?? ""), inner: m[3] ?? "" }));
}

function validate(file: string): { valid: boolean; errors: { message: string }[] } {
  const run = spawnSync(process.execPath, [VALIDATOR, "--json", file], { encoding: "utf8" });
  const line = run.stdout.trim().split("\n").pop() ?? "";
  if (run.status === 2 || line === "") {
    throw new Error(`validate-manifest.mjs could not run:\n${run.stdout}${run.stderr}`);
  }
  return JSON.parse(line) as { valid: boolean; errors: { message: string }[] };
}

/** Width and height from a PNG's IHDR, after checking the signature, the chunk CRCs and IDAT size. */
function readPng(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  expect(bytes.toString("latin1", 12, 16)).toBe("IHDR");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const [bitDepth, colourType] = [bytes[24], bytes[25]];
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    const crc = bytes.readUInt32BE(at + 8 + length);
    expect(crc32(bytes.subarray(at + 4, at + 8 + length))).toBe(crc);
    if (type === "IDAT") idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  if (bitDepth === 8 && colourType === 6) {
    expect(inflateSync(Buffer.concat(idat)).length).toBe(height * (1 + width * 4));
  }
  return { width, height };
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "plan-tracker-manifest-"));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("manifest.xml", () => {
  it("validates against the official Office add-in manifest XSDs (offline)", () => {
    const result = validate(MANIFEST_FILE);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("is an Excel task-pane add-in with ReadWriteDocument, defaulting to Vietnamese", () => {
    expect(XML).toMatch(/<OfficeApp\s[^>]*xsi:type="TaskPaneApp"/);
    expect(elements(XML, "Host").filter((h) => h.attrs.Name !== undefined)).toEqual([
      { attrs: { Name: "Workbook" }, inner: "" },
    ]);
    expect(XML).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(XML).toContain("<DefaultLocale>vi-VN</DefaultLocale>");
    expect(XML).toContain("<Version>1.0.0.0</Version>");
  });

  it("has no <Requirements>, which would hide the add-in where a set is missing", () => {
    // Requirement sets are checked at run time with isSetSupported, with a message that says
    // what the Excel version lacks.
    expect(XML).not.toMatch(/<(\w+:)?Requirements[\s>]/);
  });

  it("has an en-US override for the name, the description and every string resource", () => {
    const localized = [
      ...elements(XML, "DisplayName"),
      ...elements(XML, "Description").filter((d) => d.attrs.DefaultValue !== undefined),
      ...elements(XML, "bt:String"),
    ];
    expect(localized.length).toBeGreaterThanOrEqual(2 + 7 + 5);
    const missing = localized
      .filter((s) => !/<(bt:)?Override\s+Locale="en-US"\s+Value="[^"]+"/.test(s.inner))
      .map((s) => s.attrs.id ?? s.attrs.DefaultValue);
    expect(missing).toEqual([]);
  });

  it("puts the group and its four buttons on the Home tab, with icons and supertips", () => {
    const strings = new Map(
      elements(XML, "bt:String").map((s) => [s.attrs.id, s.attrs.DefaultValue] as const),
    );
    const [tab] = elements(XML, "OfficeTab");
    expect(tab?.attrs.id).toBe("TabHome");
    const [group] = elements(tab!.inner, "Group");
    expect(strings.get(/<Label resid="([^"]+)"/.exec(group!.inner)![1])).toBe("Theo dõi kế hoạch");
    const controls = elements(group!.inner, "Control");
    expect(
      controls.map((c) => {
        const label = strings.get(/<Label resid="([^"]+)"/.exec(c.inner)![1]);
        const action = /<Action xsi:type="(\w+)"/.exec(c.inner)![1];
        const fn = /<FunctionName>([^<]+)</.exec(c.inner)?.[1];
        return [label, action, fn];
      }),
    ).toEqual([
      ["Mở ngăn tác vụ", "ShowTaskpane", undefined],
      ["Chuyển thành sổ theo dõi", "ExecuteFunction", "convertToTracker"],
      ["Kiểm tra", "ExecuteFunction", "checkPlan"],
      ["Tóm tắt & xuất báo cáo", "ShowTaskpane", undefined],
    ]);
    for (const c of controls) {
      expect(c.inner).toMatch(/<Supertip>\s*<Title resid="[^"]+"\/>\s*<Description resid/);
      const sizes = elements(c.inner, "bt:Image").map((i) => i.attrs.size);
      expect(sizes).toEqual(["16", "32", "80"]);
    }
  });

  it("resolves every resid to a resource of the right kind", () => {
    const ids = (kind: string): Set<string> =>
      new Set(
        elements(XML, kind)
          .map((e) => e.attrs.id)
          .filter((id): id is string => id !== undefined),
      );
    const [images, urls, strings] = [ids("bt:Image"), ids("bt:Url"), ids("bt:String")];
    const unresolved: string[] = [];
    for (const m of XML.matchAll(/<([\w:]+)\s[^>]*resid="([^"]+)"/g)) {
      const [tag, resid] = [m[1]!, m[2]!];
      const pool =
        tag === "bt:Image"
          ? images
          : /SourceLocation|FunctionFile|LearnMoreUrl/.test(tag)
            ? urls
            : strings;
      if (!pool.has(resid)) unresolved.push(`${tag} ${resid}`);
    }
    expect(unresolved).toEqual([]);
  });

  it("names ExecuteFunction functions that src/commands associates", () => {
    const dir = path.join(REPO, "src/commands");
    const source = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
    const names = [...XML.matchAll(/<FunctionName>([^<]+)</g)].map((m) => m[1]!);
    expect(names).toEqual(["convertToTracker", "checkPlan"]);
    for (const name of names) expect(source).toContain(`"${name}"`);
  });

  it("points every icon at a PNG in assets/ with the pixel size it is used at", () => {
    const { URL_DEV } = webpackConfig;
    const imageUrl = new Map(
      elements(XML, "bt:Image")
        .filter((i) => i.attrs.id !== undefined)
        .map((i) => [i.attrs.id!, i.attrs.DefaultValue!] as const),
    );
    const uses: [url: string, size: number][] = [
      [attrs(/<IconUrl [^>]*>/.exec(XML)![0]).DefaultValue!, 32],
      [attrs(/<HighResolutionIconUrl [^>]*>/.exec(XML)![0]).DefaultValue!, 64],
      ...elements(XML, "bt:Image")
        .filter((i) => i.attrs.size !== undefined)
        .map((i): [string, number] => [imageUrl.get(i.attrs.resid!)!, Number(i.attrs.size)]),
    ];
    // IconUrl, HighResolutionIconUrl, then 16/32/80 for the group and each of the four buttons.
    expect(uses).toHaveLength(2 + 3 * 5);
    for (const [url, size] of uses) {
      expect(url.startsWith(`${URL_DEV}assets/`)).toBe(true);
      const file = path.join(REPO, "assets", url.slice(`${URL_DEV}assets/`.length));
      expect(existsSync(file)).toBe(true);
      expect([path.basename(file), readPng(file)]).toEqual([
        path.basename(file),
        { width: size, height: size },
      ]);
    }
  });

  it("ships the add-in icon at 16, 32, 64, 80 and 128 px", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(readPng(path.join(REPO, `assets/icon-${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
  });
});

describe("the production manifest (webpack --mode production)", () => {
  const { DEFAULT_URL_PROD, productionUrl, toProductionManifest } = webpackConfig;
  const source = readFileSync(MANIFEST_FILE, "utf8");

  it("has no local address left and still validates", () => {
    const prod = toProductionManifest(source, DEFAULT_URL_PROD);
    expect(prod).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(prod).toContain(`<SourceLocation DefaultValue="${DEFAULT_URL_PROD}taskpane.html"/>`);
    expect(prod).toContain(`DefaultValue="${DEFAULT_URL_PROD}commands.html"`);
    withTempDir((dir) => {
      const file = path.join(dir, "manifest.xml");
      writeFileSync(file, prod);
      expect(validate(file)).toEqual({ file: expect.any(String), valid: true, errors: [] });
    });
  });

  it.each([
    ["https://addins.example.vn", "https://addins.example.vn/"],
    ["https://example.vn/plan-tracker", "https://example.vn/plan-tracker/"],
    [" https://example.vn/a/ ", "https://example.vn/a/"],
    ["", DEFAULT_URL_PROD],
  ])("takes PLAN_TRACKER_URL %j as base %j", (raw, base) => {
    expect(productionUrl(raw)).toBe(base);
    expect(toProductionManifest(source, productionUrl(raw))).toContain(`${base}taskpane.html`);
  });

  it.each(["http://example.vn/", "not a url", "https://example.vn/?x=1"])(
    "refuses PLAN_TRACKER_URL %j with a message",
    (raw) => {
      expect(() => productionUrl(raw)).toThrow(/PLAN_TRACKER_URL/);
    },
  );

  it("refuses a manifest with a local URL the replacement does not cover", () => {
    const stray = source.replace(
      "https://localhost:3000/commands.html",
      "https://localhost:3001/commands.html",
    );
    expect(() => toProductionManifest(stray, DEFAULT_URL_PROD)).toThrow(/still points at a local/);
  });
});
