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
