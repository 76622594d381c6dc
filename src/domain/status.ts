/**
 * The tracker's status column. The five values are the dropdown's list (BRIEF.md, "Tracker"), so
 * their spelling is fixed; what clerks type instead ("xong", "huỷ", "done") is read back to them.
 */
import { cellText, isBlank, isErrorValue } from "./cell";
import { issue, q, type Issue } from "./diagnostics";
import { clip, fold, plainPunctuation } from "./text";

export const STATUSES = [
  "Chưa thực hiện",
  "Đang thực hiện",
  "Đã phát sóng",
  "Hoãn",
  "Hủy",
] as const;

export type Status = (typeof STATUSES)[number];

export const STATUS_EN: Readonly<Record<Status, string>> = {
  "Chưa thực hiện": "Not started",
  "Đang thực hiện": "In progress",
  "Đã phát sóng": "Aired (done)",
  Hoãn: "Postponed",
  Hủy: "Cancelled",
};

export function isDone(s: Status | null | undefined): boolean {
  return s === "Đã phát sóng";
}

/** Nothing more will happen to the item: it cannot be overdue. */
export function isClosed(s: Status | null | undefined): boolean {
  return isDone(s) || s === "Hủy";
}

/**
 * Spellings after statusKey() (folded, so "huỷ" and "hủy" with either tone placement are one).
 * "hoan" is "Hoãn" and "hoan thanh" is done: folding keeps them apart because they differ in words.
 */
const VARIANTS: Readonly<Record<Status, readonly string[]>> = {
  "Chưa thực hiện": [
    "chua thuc hien",
    "chua",
    "chua lam",
    "chua bat dau",
    "chua san xuat",
    "not started",
    "not yet started",
    "to do",
    "todo",
  ],
  "Đang thực hiện": [
    "dang thuc hien",
    "dang",
    "dang lam",
    "dang san xuat",
    "dang tien hanh",
    "in progress",
    "ongoing",
    "doing",
    "started",
  ],
  "Đã phát sóng": [
    "da phat song",
    "da phat",
    "phat song",
    "hoan thanh",
    "da hoan thanh",
    "xong",
    "da xong",
    "da thuc hien",
    "done",
    "aired",
    "completed",
    "complete",
    "finished",
  ],
  Hoãn: ["hoan", "tam hoan", "hoan lai", "da hoan", "postponed", "deferred", "on hold"],
  Hủy: ["huy", "huy bo", "da huy", "bo", "cancelled", "canceled", "cancel"],
};

const STATUS_BY_KEY = new Map<string, Status>(
  STATUSES.flatMap((s) => VARIANTS[s].map((v) => [v, s] as const)),
);

function statusKey(text: string): string {
  return fold(plainPunctuation(text))
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export interface StatusResult {
  value: Status | null;
  issues: Issue[];
}

export function parseStatus(value: unknown): StatusResult {
  if (isBlank(value)) return { value: null, issues: [] };
  const text = isErrorValue(value) ? value.code : cellText(value);
  const key = statusKey(text);
  const found = STATUS_BY_KEY.get(key);
  if (found !== undefined) return { value: found, issues: [] };
  return { value: null, issues: [unknownStatus(text === "" ? typeof value : text, key)] };
}

function unknownStatus(received: string, key: string): Issue {
  const shown = q(clip(received));
  const guess = closestStatus(key);
  const validVi = STATUSES.join(", ");
  const validEn = STATUSES.map((s) => `${s} (${STATUS_EN[s]})`).join(", ");
  return issue(
    "status.unknown",
    "error",
    {
      vi: `Trạng thái ${shown} không hợp lệ. Chọn một trong: ${validVi}.${guess ? ` Có phải là ${q(guess)}?` : ""}`,
      en: `Unknown status ${shown}. Choose one of: ${validEn}.${guess ? ` Did you mean ${q(guess)}?` : ""}`,
    },
    guess,
  );
}

/**
 * The status a typo most likely meant ("da phat xong", "hoanthanh"), compared with every known
 * spelling. Only offered when it is close (a quarter of the spelling's length, at least one edit)
 * and no other status is as close: a wrong one-click fix is worse than none.
 */
function closestStatus(key: string): Status | null {
  if (key === "") return null;
  const best = new Map<Status, number>();
  for (const [variant, status] of STATUS_BY_KEY) {
    // Two-letter spellings ("bo") are a typo away from too much to be evidence of anything.
    if (variant.length < 3) continue;
    const d = editDistance(key, variant);
    if (d > Math.max(1, Math.floor(variant.length / 4))) continue;
    best.set(status, Math.min(d, best.get(status) ?? Infinity));
  }
  const ranked = [...best.entries()].sort((a, b) => a[1] - b[1]);
  const [first, second] = ranked;
  if (!first) return null;
  return second && second[1] === first[1] ? null : first[0];
}

/** Levenshtein distance; statuses are short, so the two-row table is plenty. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
