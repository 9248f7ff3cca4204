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
  /** Published decimals per basis from the catalog (null: the display rule of format.ts displayDecimals). */
  value_decimals?: number | null;
  yoy_decimals?: number | null;
  increment_decimals?: number | null;
  pp_decimals?: number | null;
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
  /** weici's own 同比 from the two levels; yoy_pct is the official one (the source's own when reported). */
  yoy_calc?: number | null;
  yoy_origin?: "reported" | "computed" | null;
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
  /** false: fewer than three ranked members or all showing the same figure; the rank is not published. */
  comparable?: boolean;
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

/** Everything the ranking pages need, as loaded by load.ts. */
export interface ReportData {
  indicators: IndicatorRow[];
  peerGroups: PeerGroupRow[];
  regions: RegionRow[];
  /** Latest period per indicator_code; indicators without rankings are absent. */
  periods: Map<string, Period>;
  /**
   * Every period that gets ranking pages, per indicator, latest first (the latest and the earlier
   * periods of page-periods.ts that have data). Absent: only the latest period.
   */
  pagePeriods?: Map<string, Period[]>;
  /** Ranking rows of the page periods (value and growth bases at least). */
  rankings: RankingRow[];
  /** Growth rows of the page periods. */
  growth: GrowthRow[];
}

export type StatementKind = "highlight" | "shortfall";

/** A drafted sentence of analyst.statements. */
export interface StatementRow {
  region_code: string;
  year: number;
  month: number;
  kind: StatementKind;
  text: string;
  indicator_code: string;
  peer_group_id: string | null;
  basis: RankBasis | "target";
  rank: number | null;
  /** Parts of a rank sentence (null on target sentences), so several groups merge into one sentence. */
  lead?: string | null;
  basis_word?: string | null;
  tied?: boolean | null;
  rank_core?: string | null;
  rank_note?: string | null;
  change_text?: string | null;
  /** What makes it news: top/gain/bottom/loss, or target_<status>; with the group size and rank change. */
  event?: string | null;
  peer_count?: number | null;
  rank_change?: number | null;
}

export type TargetStatus = "met" | "on_track" | "behind" | "missed";

/** A target at its latest month with data (analyst.targets). */
export interface TargetRow {
  region_code: string;
  indicator_code: string;
  year: number;
  month: number;
  target_kind: "level" | "growth" | "ratio";
  target_value: number;
  actual: number | null;
  completion_pct: number | null;
  time_progress_pct: number | null;
  status: TargetStatus;
  reached: boolean;
  /** actual − target: 百分点 for growth and % ratio targets. */
  gap_pp?: number | null;
  /** 时序进度 method of the indicator: linear (month ÷ 12) or last_year (按去年同期进度). */
  progress_method?: "linear" | "last_year" | null;
  /** level, net_increase (a stock: planned increase over last year end) or level_equivalent (growth). */
  completion_basis?: "level" | "net_increase" | "level_equivalent" | null;
}

export type CompositeMethod = "eis" | "monitor";
export type CompositeTier = "leader" | "strong" | "moderate" | "emerging";

/** A row of analyst.composite_index. */
export interface CompositeRow {
  method: CompositeMethod;
  peer_group_id: string;
  region_code: string;
  year: number;
  score: number | null;
  coverage: number | null;
  relative_pct: number | null;
  tier: CompositeTier | null;
  rank: number | null;
  peer_count: number;
  prev_rank: number | null;
  rank_change: number | null;
}

/** An indicator of the composite index with its weight and standard value. */
export interface CompositeIndicatorRow {
  indicator_code: string;
  weight: number;
  standard_value: number;
  transform: string;
}

/** A row of analyst.gaps: what it takes to move up in a peer group (追赶分析). */
export interface GapRow {
  peer_group_id: string;
  indicator_code: string;
  year: number;
  month: number;
  region_code: string;
  value: number;
  rank: number;
  peer_count: number;
  above_rank: number | null;
  gap_to_above: number | null;
  gap_to_first: number | null;
  target_value: number | null;
  target_remaining: number | null;
  months_left: number | null;
  monthly_needed: number | null;
}
