// DDL for the tables the pipeline itself writes: run log (meta), landed source rows (raw) and
// reference data (ref). All raw columns are text: typing and validation happen in sql/staging so every
// rejected row keeps its original text and a reason.
import { FULL_WIDTH, HALF_WIDTH } from "../sources/catalog.ts";

export const RAW_SUBMISSION_COLUMNS = [
  "region_code", "region_name", "indicator_name", "unit", "year", "month", "value", "reported_prev", "reported_yoy",
] as const;
/**
 * What a bureau table adds to a row (sources/table): the cell's column letter, whether the row is a
 * district or the table's own total, and the 百分点 change and ranks the table reports. Added at the
 * end of raw.submission_rows (after superseded_run) so old warehouses and new ones agree on order.
 */
export const RAW_TABLE_COLUMNS = ["column_letter", "row_role", "reported_pp", "reported_rank_city", "reported_rank_province", "rank_basis"] as const;
export const RAW_TARGET_COLUMNS = ["region_code", "region_name", "indicator_name", "year", "target_kind", "target_value", "unit"] as const;
export const RAW_PEER_GROUP_COLUMNS = ["group_name", "region_code", "region_name"] as const;

const lineage = "load_id bigint, source_id varchar, file varchar, sheet varchar, row_number integer, region_scope varchar";
const text = (cols: readonly string[]) => cols.map((c) => `${c} varchar`).join(", ");

export const DDL = `
create schema if not exists meta;
create schema if not exists raw;
create schema if not exists ref;
create schema if not exists staging;
create schema if not exists marts;
create schema if not exists analyst;
create sequence if not exists meta.run_id_seq;
create sequence if not exists meta.load_id_seq;
create table if not exists meta.runs (run_id bigint primary key, started_at timestamp, finished_at timestamp, outcome varchar,
  rows_loaded bigint, rows_quarantined bigint, models_built integer, checks_passed integer, pages_written integer, message varchar);
create table if not exists meta.loads (load_id bigint primary key, run_id bigint, source_id varchar, file varchar, content_hash varchar,
  loaded_at timestamp, rows bigint, status varchar, error varchar);
create table if not exists meta.files (source_id varchar, file varchar, content_hash varchar, load_id bigint, primary key (source_id, file));
-- Size and modification time when the file was last read: unchanged, the file is not read again to hash it.
alter table meta.files add column if not exists stamp varchar;
create table if not exists raw.submission_rows (${lineage}, ${text(RAW_SUBMISSION_COLUMNS)}, raw varchar);
-- A revised or removed file's earlier rows stay, marked superseded, for as-of queries (observations_history).
alter table raw.submission_rows add column if not exists superseded_at timestamp;
alter table raw.submission_rows add column if not exists superseded_run bigint;
${RAW_TABLE_COLUMNS.map((c) => `alter table raw.submission_rows add column if not exists ${c} varchar;`).join("\n")}
-- What a load record says beside its rows: hidden sheets skipped, sheets without a table (bureau tables).
create table if not exists meta.load_notes (load_id bigint, note varchar);
create table if not exists meta.run_steps (run_id bigint, step varchar, started_at timestamp, ms double, detail varchar, error varchar);
create table if not exists meta.state (key varchar primary key, value varchar, updated_at timestamp);
alter table meta.runs add column if not exists files_loaded integer;
alter table meta.runs add column if not exists files_unchanged integer;
alter table meta.runs add column if not exists files_failed integer;
alter table meta.runs add column if not exists build varchar;
alter table meta.runs add column if not exists inputs_hash varchar;
create table if not exists raw.target_rows (${lineage}, ${text(RAW_TARGET_COLUMNS)}, raw varchar);
create table if not exists raw.peer_group_rows (${lineage}, ${text(RAW_PEER_GROUP_COLUMNS)}, raw varchar);
create table if not exists raw.report_figures (load_id bigint, source_id varchar, file varchar, region_code varchar, year integer,
  month integer, target_year integer, publisher varchar, "offset" integer, text varchar, value double, unit varchar, kind varchar,
  indicator varchar, indicator_code varchar, scope varchar, period varchar, covers varchar);
-- The region a sentence names as its subject when it is not the report's own (上城区… in 余杭区's report).
alter table raw.report_figures add column if not exists region_name varchar;
-- Rows a failing source data check left out (pipelines/checks.ts), until the next build checks again.
create table if not exists meta.check_quarantine (load_id bigint, sheet varchar, row_number integer, check_name varchar, reason varchar, column_letter varchar);
alter table meta.check_quarantine add column if not exists column_letter varchar;
create table if not exists raw.source_quarantine (load_id bigint, source_id varchar, file varchar, sheet varchar, row_number integer,
  field varchar, reason varchar, raw varchar);
create or replace macro norm_name(s) as upper(regexp_replace(regexp_replace(translate(s, '${FULL_WIDTH}', '${HALF_WIDTH.replaceAll("'", "''")}'), '[\\s\u3000]+', '', 'g'), '[(][^()]*[)]$', ''));
-- Full-width digits and signs folded, spaces dropped; a comma only as a thousands separator (1,096 or
-- 1,096.5): "2,5" stays as written, so it is refused as a number instead of read as 25.
create or replace macro number_text(s) as nullif(regexp_replace(translate(trim(s), '０１２３４５６７８９．－＋，％', '0123456789.-+,%'), '[\\s　]', '', 'g'), '');
create or replace macro clean_number(s) as
  case when regexp_full_match(number_text(s), '[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?%?') then replace(number_text(s), ',', '') else number_text(s) end;
-- Text quoted in a quarantine reason: invisible characters shown as �, very long text cut short.
create or replace macro shown(s) as
  case when length(s) > 80 then left(regexp_replace(s, '[\\x00-\\x1f\\x7f\\x{200b}\\x{feff}]', '�', 'g'), 60) || '… (' || length(s) || ' characters)'
       else regexp_replace(s, '[\\x00-\\x1f\\x7f\\x{200b}\\x{feff}]', '�', 'g') end;
-- The value rules every source passes (submissions, tables, targets, report figures): a figure in the
-- catalog unit's family is never negative, a percentage not over 100, a count (家, 个, 项, 件) whole.
-- Null when the value is plausible, else the reason; shown is the value as written.
create or replace macro value_problem(v, family, code, shown) as case
  when v < 0 then 'negative value ' || shown || ' for ' || code
  when family = 'percent' and v > 100 then 'percentage ' || shown || ' is over 100'
  when family = 'count' and v <> round(v) then 'value ' || shown || ' is not a whole number, but ' || code || ' counts (家, 个, 项, 件); give the count'
end;
-- Display precision, the same rule as reports/format.ts displayDecimals: a unit's usual decimals (counts
-- and 万元 integers, else two), more for a small amount so it keeps three significant digits (at most
-- four decimals), never a trailing zero beyond the usual ones. Ranks compare figures at this precision.
create or replace macro base_decimals(unit) as case when unit in ('家', '项', '件', '个', '人', '万元', '元') then 0 else 2 end;
create or replace macro wanted_decimals(unit, v) as
  case when unit in ('家', '项', '件', '个', '人') or v is null or v = 0 or not isfinite(v) then base_decimals(unit)
       else greatest(base_decimals(unit), least(4, 2 - floor(log10(abs(v)))::integer)) end;
-- Trailing zeros beyond the usual decimals are dropped by counting the zero digits at the end of the
-- figure scaled to whole units of its last wanted decimal (arithmetic: a list per row cost 5x more).
create or replace macro display_decimals(unit, v) as
  case when wanted_decimals(unit, v) = base_decimals(unit) then base_decimals(unit)
       else wanted_decimals(unit, v) - least(wanted_decimals(unit, v) - base_decimals(unit),
         case when round(abs(v::double) * pow(10, wanted_decimals(unit, v)))::bigint % 10000 = 0 then 4
              when round(abs(v::double) * pow(10, wanted_decimals(unit, v)))::bigint % 1000 = 0 then 3
              when round(abs(v::double) * pow(10, wanted_decimals(unit, v)))::bigint % 100 = 0 then 2
              when round(abs(v::double) * pow(10, wanted_decimals(unit, v)))::bigint % 10 = 0 then 1
              else 0 end) end;
-- A figure as published: at an indicator's configured decimals when set, else at its display precision.
create or replace macro published(v, unit, fixed) as round(v::double, coalesce(fixed, display_decimals(unit, v))::integer);
-- "1,234.50": thousands separators, exactly d decimals, never "-0".
create or replace macro fmt_fixed(v, d) as format('{:,.{}f}', round(v::double, d::integer) + 0.0, d::integer);
create or replace macro fmt_value(v, unit, fixed) as fmt_fixed(v, coalesce(fixed, display_decimals(unit, v)));
create or replace macro is_masked(s) as regexp_full_match(trim(s), '[XxＸｘ×*＊]+|[—\\-－/／…]+');
`;
