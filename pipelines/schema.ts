// Kysely types of the warehouse tables the TypeScript side reads and writes (raw, meta, analyst views).
// The DDL for the raw and meta tables lives in ddl.ts; models in sql/ own everything else.

export interface MetaRunsTable {
  run_id: number;
  started_at: string;
  finished_at: string | null;
  outcome: string;
  rows_loaded: number | null;
  rows_quarantined: number | null;
  models_built: number | null;
  checks_passed: number | null;
  pages_written: number | null;
  message: string | null;
  files_loaded: number | null;
  files_unchanged: number | null;
  files_failed: number | null;
  /** "built", or "unchanged" when no input changed and models, checks and pages were skipped. */
  build: "built" | "unchanged" | null;
  inputs_hash: string | null;
}

export interface MetaRunStepsTable {
  run_id: number;
  step: string;
  started_at: string;
  ms: number;
  detail: string | null;
  error: string | null;
}

export interface MetaStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface MetaLoadsTable {
  load_id: number;
  run_id: number;
  source_id: string;
  file: string;
  content_hash: string;
  loaded_at: string;
  rows: number;
  status: "loaded" | "failed" | "removed";
  error: string | null;
}

export interface MetaFilesTable {
  source_id: string;
  file: string;
  content_hash: string;
  load_id: number;
  stamp: string | null;
}

export interface AnalystRankingsView {
  peer_group_id: string;
  peer_group_name: string;
  indicator_code: string;
  year: number;
  month: number;
  basis: "value" | "yoy" | "increment" | "pp_change";
  region_code: string;
  value: number;
  rank: number;
  peer_count: number;
  prev_rank: number | null;
  rank_change: number | null;
}

export interface AnalystGrowthView {
  region_code: string;
  indicator_code: string;
  year: number;
  month: number;
  value: number;
  prev_value: number | null;
  yoy_pct: number | null;
  increment: number | null;
  pp_change: number | null;
}

export interface AnalystTargetsView {
  region_code: string;
  indicator_code: string;
  year: number;
  month: number;
  target_kind: "level" | "growth" | "ratio";
  target_value: number;
  actual: number | null;
  completion_pct: number | null;
  time_progress_pct: number | null;
  status: "met" | "on_track" | "behind" | "missed";
}

export interface AnalystQuarantineView {
  source_id: string;
  file: string;
  row_number: number | null;
  field: string;
  reason: string;
  raw: string | null;
}

export interface WarehouseSchema {
  "meta.runs": MetaRunsTable;
  "meta.loads": MetaLoadsTable;
  "meta.files": MetaFilesTable;
  "meta.run_steps": MetaRunStepsTable;
  "meta.state": MetaStateTable;
  "analyst.rankings": AnalystRankingsView;
  "analyst.growth": AnalystGrowthView;
  "analyst.targets": AnalystTargetsView;
  "analyst.quarantine": AnalystQuarantineView;
}
