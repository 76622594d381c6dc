/**
 * Data safety: the CLI never modifies its input unless --in-place; --in-place keeps a byte-exact
 * backup; a write killed at any moment leaves either the complete old file or the complete new
 * tracker under the target name, never a truncated one; temp files of killed runs are cleaned up
 * by the next write.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { assertBuilt, BIN } from "../helpers/built";
import { cli, STACK_TRACE } from "../helpers/cli";
import { SAMPLE_HEADER } from "../helpers/grid";
import { tempDir } from "../helpers/xlsx";

const SAMPLE = join(__dirname, "../../assets/samples/ke-hoach-2023.txt");
const AS_OF = "2023-09-20";

const sha = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("inputs are never modified without --in-place", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const plan = join(tmp.dir, "plan.xlsx");
  const tracker = join(tmp.dir, "tracker.xlsx");

  beforeAll(async () => {
    expect((await cli(["import", SAMPLE, "-o", plan])).code).toBe(0);
    expect((await cli(["track", plan, "-o", tracker, "--as-of", AS_OF])).code).toBe(0);
  });

  it("check, track, summary and rollup leave every input byte-identical", async () => {
    const before = { plan: sha(plan), tracker: sha(tracker) };
    const runs = [
      ["check", plan, "--json"],
      ["check", tracker],
      ["track", plan, "-o", join(tmp.dir, "t2.xlsx"), "--as-of", AS_OF],
      ["track", tracker, "-o", join(tmp.dir, "t3.xlsx"), "--as-of", AS_OF],
      ["summary", tracker, "--pdf", join(tmp.dir, "s.pdf"), "--xlsx", join(tmp.dir, "s.xlsx")],
      ["rollup", tracker, join(tmp.dir, "t2.xlsx"), "-o", join(tmp.dir, "rollup.xlsx")],
    ];
    for (const argv of runs) {
      const r = await cli(argv);
      expect({ argv, code: r.code, stderr: r.stderr }).toMatchObject({ code: expect.any(Number) });
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    expect({ plan: sha(plan), tracker: sha(tracker) }).toEqual(before);
  });

  it("refusals (existing output, lossy file) change nothing either", async () => {
    const before = sha(plan);
    const existing = join(tmp.dir, "t2.xlsx");
    const existingBefore = sha(existing);
    const r = await cli(["track", plan, "-o", existing]);
    expect(r.code).toBe(2);
    expect(sha(existing)).toBe(existingBefore);
    expect(sha(plan)).toBe(before);

    // A plan with custom document properties, which an exceljs rewrite drops: refused, untouched.
    const zip = await JSZip.loadAsync(readFileSync(plan));
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`,
      ),
    );
    zip.file(
      "docProps/custom.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner"><vt:lpwstr>Văn phòng</vt:lpwstr></property></Properties>`,
    );
    const lossy = join(tmp.dir, "lossy.xlsx");
    writeFileSync(lossy, await zip.generateAsync({ type: "nodebuffer" }));
    const lossyBefore = sha(lossy);
    for (const argv of [
      ["track", lossy, "-o", join(tmp.dir, "lossy.tracker.xlsx"), "--lang", "en"],
      ["track", lossy, "--in-place", "--lang", "en"],
    ]) {
      const refused = await cli(argv);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/would lose: custom document properties/);
    }
    expect(sha(lossy)).toBe(lossyBefore);
    expect(existsSync(join(tmp.dir, "lossy.tracker.xlsx"))).toBe(false);
    expect(existsSync(join(tmp.dir, "lossy.bak.xlsx"))).toBe(false);
  });

  it("no output may be an input: the same path, or a link to it (exit 2, nothing written)", async () => {
    const link = join(tmp.dir, "link-to-tracker.xlsx");
    symlinkSync(tracker, link);
    const before = { plan: sha(plan), tracker: sha(tracker) };
    const other = join(tmp.dir, "t2.xlsx");
    for (const argv of [
      ["summary", tracker, "--xlsx", tracker],
      ["summary", tracker, "--pdf", link],
      ["summary", link, "--xlsx", join(tmp.dir, "ok.xlsx"), "--pdf", tracker],
      ["rollup", tracker, other, "-o", tracker],
      ["rollup", other, tracker, "-o", link],
      ["track", tracker, "-o", link, "--force"],
    ]) {
      const r = await cli([...argv, "--lang", "en"]);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr).toMatch(
        /is the tracker being read|is one of the trackers being rolled up|The output is the input file/,
      );
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    expect({ plan: sha(plan), tracker: sha(tracker) }).toEqual(before);
    expect(existsSync(join(tmp.dir, "ok.xlsx"))).toBe(false);
  });

  it("import never writes over its plan document, even with --force", async () => {
    const doc = join(tmp.dir, "ke-hoach.txt");
    copyFileSync(SAMPLE, doc);
    const before = sha(doc);
    const r = await cli(["import", doc, "-o", doc, "--force", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the plan document being read/);
    expect(sha(doc)).toBe(before);
  });

  it("demo runs again in its own folder but never takes over a folder holding the user's files", async () => {
    const office = join(tmp.dir, "office");
    const demo = join(tmp.dir, "demo");
    expect((await cli(["demo", "--out", demo])).code).toBe(0);
    expect((await cli(["demo", "--out", demo])).code).toBe(0);

    // An office folder with the user's own plan.xlsx and tracker.xlsx.
    mkdirSync(office);
    copyFileSync(plan, join(office, "plan.xlsx"));
    copyFileSync(tracker, join(office, "tracker.xlsx"));
    const before = [sha(join(office, "plan.xlsx")), sha(join(office, "tracker.xlsx"))];
    const r = await cli(["demo", "--out", office, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds plan\.xlsx, tracker\.xlsx, not written by the demo/);
    expect([sha(join(office, "plan.xlsx")), sha(join(office, "tracker.xlsx"))]).toEqual(before);
    expect(readdirSync(office).sort()).toEqual(["plan.xlsx", "tracker.xlsx"]);
  }, 60_000);

  it("--in-place keeps <name>.bak.xlsx identical to the original and writes a valid tracker", async () => {
    const target = join(tmp.dir, "inplace.xlsx");
    copyFileSync(tracker, target);
    const original = readFileSync(target);
    const r = await cli(["track", target, "--in-place", "--as-of", AS_OF]);
    expect(r.code).toBe(0);
    const backup = join(tmp.dir, "inplace.bak.xlsx");
    expect(readFileSync(backup).equals(original)).toBe(true);
    expect(readFileSync(target).equals(original)).toBe(false);
    const check = await cli(["check", target, "--json"]);
    expect([0, 1]).toContain(check.code);
    // A second run replaces the backup with the file as it was before that run.
    const second = readFileSync(target);
    expect((await cli(["track", target, "--in-place", "--as-of", AS_OF])).code).toBe(0);
    expect(readFileSync(backup).equals(second)).toBe(true);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("a write killed at any moment never leaves a truncated file", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const pristine = join(tmp.dir, "pristine.xlsx");
  let original: Buffer;

  /** A 20 000-item plan: big enough that reading and writing it take a while. */
  beforeAll(async () => {
    assertBuilt();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kế hoạch");
    ws.addRow([...SAMPLE_HEADER]);
    const quarters = ["Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023"];
    for (let i = 1; i <= 20_000; i++)
      ws.addRow([
        i,
        `Nội dung ${i}`,
        quarters[i % 4],
        "01",
        "phóng sự",
        "05 phút",
        "Đài",
        1_500_000,
        "",
      ]);
    await wb.xlsx.writeFile(pristine);
    original = readFileSync(pristine);
  }, 120_000);

  interface Killed {
    readonly code: number | null;
    readonly signal: string | null;
    readonly stderr: string;
  }

  /** Runs `track <target> --in-place` and SIGKILLs it after `ms`, or when its temp file appears. */
  function killedRun(target: string, at: number | "temp"): Promise<Killed> {
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [BIN, "track", target, "--in-place", "--as-of", AS_OF],
        {
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const kill = (): void => void child.kill("SIGKILL");
      let timer: NodeJS.Timeout;
      if (at === "temp") {
        const name = `.${target.split("/").pop() ?? ""}.`;
        const isTemp = (f: string): boolean => f.startsWith(name) && f.endsWith(".tmp");
        const earlier = new Set(readdirSync(tmp.dir).filter(isTemp));
        timer = setInterval(() => {
          if (readdirSync(tmp.dir).some((f) => isTemp(f) && !earlier.has(f))) kill();
        }, 2);
      } else timer = setTimeout(kill, at);
      child.on("close", (code, signal) => {
        clearInterval(timer);
        clearTimeout(timer);
        resolve({ code, signal, stderr });
      });
    });
  }

  async function isCompleteTracker(path: string): Promise<boolean> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return wb.worksheets.some((ws) => ws.name === "Kế hoạch") && wb.worksheets.length > 1;
  }

  const points: (number | "temp")[] = [50, 300, 1_500, 5_000, "temp"];
  let outcomes: string[] = [];

  it.each(points)(
    "killed at %s ms: the target is the old file or the complete new tracker",
    async (at) => {
      const target = join(tmp.dir, "plan.xlsx");
      copyFileSync(pristine, target);
      const r = await killedRun(target, at);
      const now = readFileSync(target);
      const old = now.equals(original);
      if (!old) {
        // Not the old bytes: then it must be the whole new tracker, which opens and validates.
        expect(await isCompleteTracker(target)).toBe(true);
        const check = await cli(["check", target, "--json"]);
        expect([0, 1]).toContain(check.code);
      }
      const backup = join(tmp.dir, "plan.bak.xlsx");
      if (existsSync(backup)) expect(readFileSync(backup).equals(original)).toBe(true);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      outcomes.push(`${at}: ${r.signal ?? `exit ${r.code}`} → ${old ? "old file" : "new tracker"}`);
    },
    60_000,
  );

  it("a later successful run removes the temp files killed runs left behind", async () => {
    const target = join(tmp.dir, "plan.xlsx");
    // A leftover from a process that no longer exists (as a kill during the write leaves).
    const stale = join(tmp.dir, ".plan.xlsx.999999999.deadbeef.tmp");
    writeFileSync(stale, "half a file");
    copyFileSync(pristine, target);
    const done = await killedRun(target, 600_000);
    expect(done.code).toBe(0);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(await isCompleteTracker(target)).toBe(true);
    expect(readFileSync(join(tmp.dir, "plan.bak.xlsx")).equals(original)).toBe(true);
    outcomes = [];
  }, 120_000);
});
