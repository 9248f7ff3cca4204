-- Every row that could not be used, with the file, row, field and a reason saying how to fix it.
-- Lineage comes from meta.loads and a duplicate's line as written from raw.submission_rows: staging
-- keeps neither for the millions of usable rows.
with duplicates as (
  select o.load_id, o.sheet, o.row_number, o.first_row, o.first_sheet, o.column_letter
  from staging.stg_observations o
  where o.is_duplicate and o.superseded_at is null
    -- The same figure on another sheet (a print copy, a summary sheet that repeats the table, 万元 there
    -- and 亿元 here) counts once: nothing to fix. A repeat within one sheet, or a different figure, is listed.
    and not (o.sheet is distinct from o.first_sheet and exists (
      select 1 from staging.stg_observations k
      where k.load_id = o.load_id and k.sheet is not distinct from o.first_sheet and k.row_number = o.first_row
        and k.region_code = o.region_code and k.indicator_code = o.indicator_code and k.year = o.year and k.month = o.month
        and abs(k.value - o.value) <= 1e-9 * greatest(abs(k.value), 1)))
)
select source_id, file, sheet, row_number, field, reason, raw, load_id, null as column_letter from raw.source_quarantine
union all
select l.source_id, l.file, s.sheet, s.row_number, s.field, s.reason, s.raw, s.load_id, s.column_letter
from staging.stg_submissions s
join meta.loads l using (load_id)
where s.reason is not null and s.superseded_at is null
union all
select l.source_id, l.file, d.sheet, d.row_number, 'row',
  case when d.sheet is not distinct from d.first_sheet
    then 'duplicate of row ' || d.first_row || ' (same region, indicator and period in this file); the first row was kept'
    else 'duplicate of sheet "' || d.first_sheet || '" row ' || d.first_row || ' (same region, indicator and period in this workbook); the row of sheet "'
      || d.first_sheet || '" was kept; correct or delete the wrong sheet' end, r.raw, d.load_id, d.column_letter
from duplicates d
join meta.loads l using (load_id)
join raw.submission_rows r on r.load_id = d.load_id and r.row_number = d.row_number and r.sheet is not distinct from d.sheet
  and r.column_letter is not distinct from d.column_letter
union all
select source_id, file, sheet, row_number, field, reason, raw, load_id, null from staging.stg_targets where reason is not null
union all
select source_id, file, sheet, row_number, field, reason, raw, load_id, null from staging.stg_peer_group_members where reason is not null
union all
-- A figure two files give differently: the row that lost, naming the row that was kept.
select source_id, file, sheet, row_number, 'value', reason, raw, load_id, null from marts.submission_conflicts
union all
-- A figure taken from a report's text that fails the value rules (a 150 % R&D intensity): where it is in the text.
select f.source_id, f.file, null, null, 'value',
  'report figure ' || shown(coalesce(f.indicator, f.indicator_code)) || ' at character ' || f."offset" || ': '
    || value_problem(f.value * f.factor, u.family, f.indicator_code, regexp_replace(f.value::varchar, '\.0$', '') || coalesce(f.unit, '')),
  coalesce(f.indicator, '') || ' ' || f.text || coalesce(f.unit, ''), f.load_id, null
from staging.stg_report_figures f
join ref.units u on u.unit = f.canonical_unit
where f.kind = 'level' and f.indicator_code is not null and f.value is not null and f.factor is not null and f.month_r between 1 and 12
  and value_problem(f.value * f.factor, u.family, f.indicator_code, regexp_replace(f.value::varchar, '\.0$', '') || coalesce(f.unit, '')) is not null
