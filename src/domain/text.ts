/**
 * Text normalisation for matching what people type, never for storing it: the user's text is
 * always kept as written.
 */

/** Lower-case, without Vietnamese diacritics (đ → d), whitespace collapsed, trimmed. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** NFC, all kinds of whitespace (line breaks, NBSP, tabs) collapsed to one space, trimmed. */
export function squash(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u3000]+/g, " ")
    .trim();
}

/** Typographic dashes and quotes people paste from Word, mapped to ASCII for pattern matching. */
export function plainPunctuation(text: string): string {
  return text
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u2032\u00b4`]/g, "'")
    .replace(/[\u201c\u201d\u2033]/g, '"');
}

/** Shortens long values quoted back in messages so one bad cell cannot flood a report. */
export function clip(text: string, max = 60): string {
  const t = squash(text);
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
