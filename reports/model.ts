// Plain row types of the warehouse's analyst views as the report step receives them, plus the period
// of a page. Renderers take these (never SQL) so they can be tested with hand-made rows.

export type IndicatorKind = "stock" | "flow" | "ratio";
export type RankBasis = "value" | "yoy" | "increment" | "pp_change";
export type PeerGroupKind = "city" | "province" | "custom";

export interface RegionRow {
  region_code: string;
  name: string;
  level: string;
  city_code: string | null;
  province_code: string;
}

export interface IndicatorRow {
  indicator_code: string;
  name_zh: string;
  unit: string;
  kind: IndicatorKind;
  higher_is_better: boolean;
  /** Present when the view exposes the catalog's frequency; without it annual is inferred from the data. */
  frequency?: "monthly" | "annual" | null;
}

export interface GrowthRow {
  region_code: string;
  indicator_code: string;
  year: number;
  month: number;
  value: number | null;
  prev_value: number | null;
  yoy_pct: number | null;
  increment: number | null;
  pp_change: number | null;
}

export interface RankingRow {
  peer_group_id: string;
  peer_group_name: string;
  indicator_code: string;
  year: number;
  month: number;
  basis: RankBasis;
  region_code: string;
  value: number | null;
  rank: number | null;
  peer_count: number;
  prev_rank: number | null;
  rank_change: number | null;
}

export interface PeerGroupRow {
  peer_group_id: string;
  peer_group_name: string;
  kind: PeerGroupKind;
  member_count: number;
}

/** A year-to-date window (1..month); annual indicators are only published for month 12. */
export interface Period {
  year: number;
  month: number;
  annual: boolean;
}

/** Everything the site needs for the latest period of each indicator, as loaded by load.ts. */
export interface ReportData {
  indicators: IndicatorRow[];
  peerGroups: PeerGroupRow[];
  regions: RegionRow[];
  /** Latest period per indicator_code; indicators without rankings are absent. */
  periods: Map<string, Period>;
  /** Ranking rows of every basis for each indicator's latest period only. */
  rankings: RankingRow[];
  /** Growth rows for each indicator's latest period only. */
  growth: GrowthRow[];
}
