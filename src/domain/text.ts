/**
 * Text normalisation for matching what people type, never for storing it: the user's text is
 * always kept as written.
 */

// fold and squash run several times on every cell of a plan, so they are single passes over the
// text instead of chains of regex replacements (5-10× faster, see BENCHMARKS.md); the property
// test in text.test.ts holds them equal to those chains.

/** JavaScript's `\s` (WhiteSpace and LineTerminator), which `trim()` also removes. */
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Recent results: the same texts are folded again and again (a plan's periods and types on every
 * row; each title by the due-date reader, then by the duplicate rule). Bounded, and strings are
 * immutable, so it is only ever a shortcut.
 */
let FOLDED = new Map<string, string>();
const FOLDED_LIMIT = 1 << 17;

/** Lower-case, without Vietnamese diacritics (đ → d), whitespace collapsed, trimmed. */
export function fold(text: string): string {
  // Long texts (titles) are folded once or twice: folding again costs less than keeping each in
  // a big map.
  if (text.length > 40) return foldOnce(text);
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = foldOnce(text);
    if (FOLDED.size >= FOLDED_LIMIT) FOLDED = new Map();
    FOLDED.set(text, folded);
  }
  return folded;
}

function foldOnce(text: string): string {
  if (text.length > 2000) return foldSteps(text);
  // One pass: each character's NFD without marks and lower-cased (a table), đ → d, \s+ → one
  // space, trimmed. The table covers ASCII, Latin-1 and Latin Extended, the Vietnamese letters,
  // the combining marks U+0300–U+036F and general punctuation, where a character's own NFD is
  // what NFD of the text gives it (no canonical reordering against marks outside the range) and
  // lower-casing does not depend on the neighbours (only Σ does, outside the table); any other
  // character takes the step-by-step path.
  const table = foldTable();
  const codes = FOLD_CODES;
  let k = 0;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        space = true;
        continue;
      }
      if (space) {
        if (k > 0) codes[k++] = 0x20;
        space = false;
      }
      codes[k++] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
      continue;
    }
    const mapped = c < table.length ? table[c] : undefined;
    if (mapped === undefined) return foldSteps(text);
    for (let j = 0; j < mapped.length; j++) {
      const m = mapped.charCodeAt(j);
      if (isSpace(m)) {
        space = true;
        continue;
      }
      if (space) {
        if (k > 0) codes[k++] = 0x20;
        space = false;
      }
      codes[k++] = m;
    }
  }
  codes.length = k;
  return String.fromCharCode.apply(null, codes);
}

/** The definition: NFD, drop the marks, đ → d, lower-case, collapse whitespace, trim. */
function foldSteps(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const FOLD_CODES: number[] = [];
let FOLD_TABLE: (string | undefined)[] | null = null;

function foldTable(): (string | undefined)[] {
  if (FOLD_TABLE !== null) return FOLD_TABLE;
  const table: (string | undefined)[] = new Array<string | undefined>(0x2070);
  const covered = (c: number): boolean =>
    (c >= 0x80 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x2000 && c <= 0x206f);
  for (let c = 0x80; c < 0x2070; c++) {
    if (!covered(c)) continue;
    const folded = String.fromCharCode(c)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d");
    // Lower-cased character by character: the same as the whole text's toLowerCase() here.
    const lower = [...folded].map((ch) => ch.toLowerCase()).join("");
    if ([...folded].every((ch) => ch.toLowerCase().length === 1)) table[c] = lower;
  }
  FOLD_TABLE = table;
  return table;
}

/** The last text squash returned: callers often squash again what they got from it. */
let SQUASHED = "";

/** NFC, all kinds of whitespace (line breaks, NBSP, tabs) collapsed to one space, trimmed. */
export function squash(text: string): string {
  if (text === SQUASHED) return text;
  SQUASHED = squashOnce(text);
  return SQUASHED;
}

function squashOnce(text: string): string {
  // Runs of \s or U+200B become one space; spaces at either end go. Most cells need neither,
  // and most are already NFC: one pass finds out.
  const n = text.length;
  let nfc = true;
  let clean = true;
  let table: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20) {
        if (i === 0 || i === n - 1 || text.charCodeAt(i + 1) === 0x20) clean = false;
      } else if (c < 0x20 && c >= 0x09 && c <= 0x0d) clean = false;
      continue;
    }
    if (isSpace(c) || c === 0x200b) clean = false;
    if (c >= 0x2070) nfc = false;
    else {
      table ??= nfcTable();
      if (table[c] !== 1) nfc = false;
    }
  }
  if (clean && nfc) return text;
  const t = nfc ? text : text.normalize("NFC");
  let out = "";
  let space = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isSpace(c) || c === 0x200b) {
      space = true;
      continue;
    }
    if (space) {
      if (out.length > 0) out += " ";
      space = false;
    }
    out += t[i];
  }
  return out;
}

let NFC_TABLE: Uint8Array | null = null;

function nfcTable(): Uint8Array {
  if (NFC_TABLE !== null) return NFC_TABLE;
  const table = new Uint8Array(0x2070);
  for (let c = 0x80; c < 0x2070; c++) {
    const covered = (c >= 0x80 && c < 0x300) || (c >= 0x1e00 && c <= 0x1eff) || c >= 0x2000;
    const ch = String.fromCharCode(c);
    if (covered && ch.normalize("NFC") === ch) table[c] = 1;
  }
  NFC_TABLE = table;
  return table;
}

/** The ASCII stand-in for a typographic dash or quote, or null. */
function plainOf(c: number): string | null {
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212) return "-";
  if (c === 0x2018 || c === 0x2019 || c === 0x2032 || c === 0xb4 || c === 0x60) return "'";
  if (c === 0x201c || c === 0x201d || c === 0x2033) return '"';
  return null;
}

/** Typographic dashes and quotes people paste from Word, mapped to ASCII for pattern matching. */
export function plainPunctuation(text: string): string {
  // One pass, copying only around the characters it replaces.
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x60) continue;
    const plain = plainOf(c);
    if (plain === null) continue;
    out += text.slice(last, i) + plain;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Shortens long values quoted back in messages so one bad cell cannot flood a report. */
export function clip(text: string, max = 60): string {
  const t = squash(text);
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
