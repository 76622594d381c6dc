/**
 * A small XML scanner for the parts of Office documents the domain reads (a Word document's body):
 * start tags with their attributes, end tags and text, in document order, in one linear pass over
 * the string. The node and the browser shells both unzip the part and hand the text here, so the
 * pane and the CLI read a document the same way without a DOM or a parser library.
 *
 * It reads what Word writes, strictly enough to refuse what is not XML: a DOCTYPE (entity
 * expansion is how a crafted part grows without bound, and Word never writes one), an unclosed or
 * mismatched element, an attribute without quotes. Entities are the five predefined ones and
 * character references; anything else stays as written.
 */

export interface XmlHandler {
  /**
   * A start tag. `attrs` is reused for the next tag: copy what you need before returning. Names
   * are as written, with their prefix ("w:tbl").
   */
  open(name: string, attrs: ReadonlyMap<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

/** The part is not well-formed XML (or declares a DTD): the caller says the file is unreadable. */
export class XmlError extends Error {
  constructor(readonly why: string) {
    super(`not well-formed XML: ${why}`);
    this.name = "XmlError";
  }
}

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};

/** The predefined entities and character references; an unknown entity stays as written. */
export function decodeXmlText(s: string): string {
  if (s.indexOf("&") === -1) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.startsWith("#")) {
      const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      // A reference past U+10FFFF, or to a surrogate, is no character: kept as written.
      return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : m;
    }
    return PREDEFINED[e] ?? m;
  });
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Scans `xml`, calling `handler` for each tag and text run; throws XmlError on malformed input. */
export function scanXml(xml: string, handler: XmlHandler): void {
  const n = xml.length;
  const stack: string[] = [];
  const attrs = new Map<string, string>();
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (stack.length > 0) handler.text(decodeXmlText(raw));
      else if (raw.replace(/^\ufeff/, "").trim() !== "")
        throw new XmlError("text outside the root");
    }
    if (lt === -1) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x3f /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end === -1) throw new XmlError("unclosed processing instruction");
      i = end + 2;
      continue;
    }
    if (c === 0x21 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end === -1) throw new XmlError("unclosed comment");
        i = end + 3;
      } else if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end === -1) throw new XmlError("unclosed CDATA section");
        if (stack.length > 0) handler.text(xml.slice(lt + 9, end));
        i = end + 3;
      } else throw new XmlError("a DOCTYPE or other declaration");
      continue;
    }
    if (c === 0x2f /* / */) {
      const end = xml.indexOf(">", lt + 2);
      if (end === -1) throw new XmlError("unclosed end tag");
      const name = xml.slice(lt + 2, end).trimEnd();
      if (stack.pop() !== name) throw new XmlError(`mismatched </${name}>`);
      handler.close(name);
      i = end + 1;
      continue;
    }
    let j = lt + 1;
    while (j < n) {
      const d = xml.charCodeAt(j);
      if (isSpace(d) || d === 0x2f || d === 0x3e) break;
      j++;
    }
    const name = xml.slice(lt + 1, j);
    if (name === "") throw new XmlError("a stray <");
    attrs.clear();
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) throw new XmlError(`unclosed <${name}>`);
      const d = xml.charCodeAt(j);
      if (d === 0x3e /* > */) {
        j++;
        break;
      }
      if (d === 0x2f /* / */) {
        if (xml.charCodeAt(j + 1) !== 0x3e) throw new XmlError(`a bad <${name}>`);
        selfClosing = true;
        j += 2;
        break;
      }
      const eq = xml.indexOf("=", j);
      if (eq === -1) throw new XmlError("an attribute without a value");
      const key = xml.slice(j, eq).trim();
      let q = eq + 1;
      while (q < n && isSpace(xml.charCodeAt(q))) q++;
      const quote = xml[q];
      if (quote !== '"' && quote !== "'") throw new XmlError("an unquoted attribute");
      const close = xml.indexOf(quote, q + 1);
      if (close === -1) throw new XmlError("an unclosed attribute");
      const raw = xml.slice(q + 1, close);
      if (raw.indexOf("<") !== -1) throw new XmlError("< in an attribute");
      if (key === "" || /[\s<>]/.test(key)) throw new XmlError("a bad attribute name");
      attrs.set(key, decodeXmlText(raw));
      j = close + 1;
    }
    handler.open(name, attrs, selfClosing);
    if (selfClosing) handler.close(name);
    else stack.push(name);
    i = j;
  }
  if (stack.length > 0) throw new XmlError(`unclosed <${stack[stack.length - 1] ?? ""}>`);
}

/** "w:tbl" → "tbl": Word's parts use the w: prefix by convention, not by rule. */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}
