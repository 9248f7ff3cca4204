-- materialized: view
-- Usable submission rows and their standing: a repeat of a key inside one load is a duplicate (the
-- first row wins, the others are quarantined); across loads the newest load wins (a revision or a
-- correction). Superseded versions (superseded_at set) are never current; marts.observations_history
-- reads them. A view, not a table: its readers take different slices of it (current rows, versions,
-- duplicates) and writing 9 M rows once costs more than the grouping below costs each reader.
--
-- Nearly every (region, indicator) pair comes from one load with each period once (is_plain): its rows
-- need no comparison. Only the other pairs are grouped by key; grouping all 9 M keys of the national
-- data took ten times as long as counting loads and periods per pair.
with pair_loads as (
  select region_code, indicator_code, load_id, count(*) = count(distinct year * 100 + month) as each_period_once
  from staging.stg_submissions
  where reason is null
  group by all
),
mixed as (
  select region_code, indicator_code from pair_loads group by all having count(*) > 1 or not bool_and(each_period_once)
),
plain as (
  select s.load_id, s.sheet, s.row_number, s.region_code, s.indicator_code, s.year, s.month, s.value, s.reported_yoy,
    s.superseded_at, s.row_number as first_row, false as is_duplicate, s.superseded_at is null as is_current, true as is_plain,
    s.sheet as first_sheet, s.column_letter, s.reported_pp
  from staging.stg_submissions s
  anti join mixed using (region_code, indicator_code)
  where s.reason is null
),
compared as (
  select s.load_id, s.sheet, s.row_number, s.region_code, s.indicator_code, s.year, s.month, s.value, s.reported_yoy,
    s.superseded_at, s.column_letter, s.reported_pp,
    -- The first row of a key in a load: by sheet name, then row, then column (a workbook's sheets rank by
    -- name here; the readers already kept the first visible sheet for repeats they can see,
    -- sources/xlsx-sheets.ts; a wide table's row gives one figure per column). Ordered first values, not
    -- the min of a struct: a file resubmitted twelve times puts twelve loads of rows here, and the
    -- struct min took most of the time history builds spent on them.
    first_value(coalesce(s.sheet, '')) over first as first_sheet_k,
    first_value(s.row_number) over first as first_row_k,
    first_value(coalesce(s.column_letter, '')) over first as first_col_k,
    max(s.load_id) filter (where s.superseded_at is null) over (partition by s.region_code, s.indicator_code, s.year, s.month) as latest_load
  from staging.stg_submissions s
  semi join mixed using (region_code, indicator_code)
  where s.reason is null
  window first as (partition by s.load_id, s.region_code, s.indicator_code, s.year, s.month
    order by coalesce(s.sheet, ''), s.row_number, coalesce(s.column_letter, ''))
),
flagged as (
  select * from plain
  union all
  select load_id, sheet, row_number, region_code, indicator_code, year, month, value, reported_yoy, superseded_at, first_row_k,
    (coalesce(sheet, ''), row_number, coalesce(column_letter, '')) <> (first_sheet_k, first_row_k, first_col_k),
    superseded_at is null and (coalesce(sheet, ''), row_number, coalesce(column_letter, '')) = (first_sheet_k, first_row_k, first_col_k) and load_id = latest_load,
    false, nullif(first_sheet_k, ''), column_letter, reported_pp
  from compared
)
select f.*, l.source_id, l.file, l.loaded_at
from flagged f
join meta.loads l using (load_id)
