/**
 * XML entity decoding shared by the package checks, the sheet guards and the stream reader. The
 * five predefined entities and character references only: DTDs are refused before any of these
 * run, so no other entity can be defined.
 */

/**
 * The text of entity `name` (what stands between `&` and `;`), or undefined when it is not one of
 * the predefined entities nor a character reference to a code point that exists.
 */
export function entityText(name: string): string | undefined {
  switch (name) {
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "amp":
      return "&";
    case "quot":
      return '"';
    case "apos":
      return "'";
  }
  const ref = /^#(?:x([0-9a-fA-F]{1,8})|([0-9]{1,8}))$/.exec(name);
  if (!ref) return undefined;
  const code = ref[1] !== undefined ? parseInt(ref[1], 16) : parseInt(ref[2] ?? "", 10);
  // fromCodePoint throws past U+10FFFF: a crafted &#99999999; must not crash a check.
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/**
 * Lenient decoding for attribute and name text of parts already checked as well-formed: known
 * entities are replaced, an impossible character reference becomes U+FFFD, anything else stays
 * as written.
 */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") === -1) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,8}|#x[0-9a-fA-F]{1,8});/g, (_m, e: string) => {
    return entityText(e) ?? "\ufffd";
  });
}
