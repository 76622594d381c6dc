/**
 * Who a tracker speaks for and to: the issuing agency, its level and place, the partner station.
 * Each comes from the settings sheet when the clerk filled it in, else from the plan itself (the
 * lines above its table, its units), so a tracker made before a setting existed, or one whose
 * clerk left it blank, still reads right; nothing is assumed (no "huyện").
 */
import { agencyFrom, agencyLevel, placeFromDateLine, placeOf, type AgencyLevel } from "./agency";
import type { PlanSettings } from "./settings";
import { stationFrom } from "./station";

export interface Parties {
  readonly agency: string | null;
  /** Where the agency was read: the settings sheet, the plan's own lines, or nowhere. */
  readonly agencySource: "settings" | "plan" | null;
  readonly level: AgencyLevel | null;
  /** For the date line: the setting, the agency's unit name, or the plan's own date line. */
  readonly place: string | null;
  readonly station: string | null;
}

export interface PlanText {
  readonly titleLines: readonly string[];
  readonly items: readonly { readonly unit: string | null }[];
}

const blank = (s: string | null | undefined): s is null | undefined =>
  s === null || s === undefined || s.trim() === "";

export function partiesOf(settings: PlanSettings, plan: PlanText): Parties {
  const fromPlan = agencyFrom(plan.titleLines);
  const agency = blank(settings.agency) ? fromPlan : settings.agency.trim();
  const agencySource = !blank(settings.agency) ? "settings" : fromPlan !== null ? "plan" : null;
  const place = blank(settings.place)
    ? (placeOf(agency) ?? placeFromDateLine(plan.titleLines))
    : settings.place.trim();
  return {
    agency,
    agencySource,
    level: agencyLevel(agency),
    place,
    station: blank(settings.station) ? stationOfPlan(settings, plan) : settings.station.trim(),
  };
}

/** The station named above the table or in the plan title setting, else in the units column. */
export function stationOfPlan(settings: PlanSettings, plan: PlanText): string | null {
  const units = new Set<string>();
  for (const item of plan.items) if (item.unit) units.add(item.unit);
  return stationFrom([...plan.titleLines, settings.planTitle, ...units]);
}

/**
 * The place to write when the clerk changes the agency (the pane's settings, `track --agency`):
 * the new agency's place when the current one is blank or is the one the old agency gave (the
 * tool filled it in); undefined — leave the cell — when the clerk typed a place of their own,
 * the agency is unchanged, or the new one names no place.
 */
export function placeFollowingAgency(
  current: Pick<PlanSettings, "agency" | "place">,
  agency: string | null,
): string | undefined {
  const before = current.agency?.trim() ?? "";
  const after = agency?.trim() ?? "";
  if (after === before) return undefined;
  const place = current.place?.trim() ?? "";
  const derived = placeOf(before) ?? "";
  if (place !== "" && place !== derived) return undefined;
  const next = placeOf(after);
  return next !== null && next !== place ? next : undefined;
}
