-- incremental: region_code, indicator_code
-- What we knew when: every version of every submitted figure with the interval in which it was the
-- current value (valid_from inclusive, valid_to exclusive, null = still current; UTC load times).
-- A version is alive from its load until its file was revised or removed; at each moment the newest
-- alive load wins, as in marts.observations. Figures filled in from published reports are not here.
-- A new version starts only when the figure's value changes (or nothing was alive for a while): a
-- resubmitted file (快报 → 正式, a correction of one cell) adds versions for the figures it changed, not
-- for every row it repeats. A version carries the lineage (load, file, row) of the latest load that
-- gave its value, so the open version points at the row marts.observations shows.
--
-- The cost must grow with the loads of a file, not with their square: bureaus resubmit whole files
-- every month. Three paths, cheapest first:
-- - a plain pair (one load, each period once: see staging.stg_observations) has one version per
--   figure, alive from its load on;
-- - a key given by one file only (the same file of one source over its loads: a resubmitted file) has
--   loads that follow one another without overlap, since a load supersedes the file's previous rows
--   (pipelines/ingest.ts). One ordered pass finds its versions: a version starts where the value
--   changes or where a load does not begin the moment the previous one ended (nothing was alive);
-- - a key given by several files (a correction file beside the city's, conflicts) can have several
--   loads alive at once: every moment its set of alive loads changes is matched with every load to
--   find the newest alive one (quadratic in its loads, but such keys are few).
-- A load superseded the moment it arrived (alive_to = alive_from) was never current: left out.
with v as (
  select region_code, indicator_code, year, month, value, source_id, load_id, file, sheet, row_number,
    loaded_at as alive_from, superseded_at as alive_to,
    min(source_id) over key = max(source_id) over key and min(file) over key = max(file) over key as one_file,
    lag(alive_to) over k as prev_to, lag(value) over k as prev_value,
    lead(alive_from) over k as next_from, lead(value) over k as next_value
  from staging.stg_observations
  where not is_duplicate and not is_plain and (superseded_at is null or superseded_at > loaded_at)
  window k as (partition by region_code, indicator_code, year, month order by loaded_at, load_id),
    key as (k rows between unbounded preceding and unbounded following)
),
ends as (
  -- One file's loads: keep the loads that start or end a version; the version is its last load's
  -- value and lineage, from its first load's alive_from.
  select region_code, indicator_code, year, month, value, source_id, load_id, file, sheet, row_number, alive_to,
    case when starts then alive_from else lag(alive_from) over (partition by region_code, indicator_code, year, month order by alive_from) end as valid_from,
    ends
  from (
    select *,
      prev_to is distinct from alive_from or prev_value is distinct from value as starts,
      next_from is null or next_from <> alive_to or next_value is distinct from value as ends
    from v
    where one_file
  )
  where starts or ends
  qualify ends
),
instants as (
  -- Several files: every moment a key's set of alive versions changes, numbered, with the next such moment.
  select *, lead(t) over w as next_t, row_number() over w as pos
  from (
    select region_code, indicator_code, year, month, alive_from as t from v where not one_file
    union
    select region_code, indicator_code, year, month, alive_to from v where not one_file and alive_to is not null
  )
  window w as (partition by region_code, indicator_code, year, month order by t)
),
winners as (
  -- Equality join first, then the interval test: a hash join, not a range join.
  select i.region_code, i.indicator_code, i.year, i.month, i.t, i.next_t, i.pos,
    v.value, v.source_id, v.load_id, v.file, v.sheet, v.row_number
  from instants i
  join v using (region_code, indicator_code, year, month)
  where not v.one_file and v.alive_from <= i.t and (v.alive_to is null or v.alive_to > i.t)
  qualify row_number() over (partition by i.region_code, i.indicator_code, i.year, i.month, i.t order by v.load_id desc, v.file desc) = 1
),
islands as (
  -- Consecutive moments with the same value form one interval, whichever load gave it; a moment with
  -- nothing alive breaks it.
  select *, sum(starts) over (partition by region_code, indicator_code, year, month order by t) as island
  from (
    select *, case when lag(pos) over k = pos - 1 and lag(value) over k is not distinct from value then 0 else 1 end as starts
    from winners
    window k as (partition by region_code, indicator_code, year, month order by t)
  )
),
versions as (
  select region_code, indicator_code, year, month, value, source_id, load_id, file, sheet, row_number,
    loaded_at as valid_from, superseded_at as valid_to
  from staging.stg_observations
  where is_plain
  union all
  select region_code, indicator_code, year, month, value, source_id, load_id, file, sheet, row_number, valid_from, alive_to
  from ends
  union all
  select region_code, indicator_code, year, month, any_value(value), max_by(source_id, t), max_by(load_id, t), max_by(file, t),
    max_by(sheet, t), max_by(row_number, t), min(t),
    -- The island's last moment ends it; a last moment with no next one leaves it open (max_by skips nulls).
    if(count(next_t) < count(*), null, max(next_t))
  from islands
  group by region_code, indicator_code, year, month, island
)
select region_code, indicator_code, year, month, value, i.unit, source_id, load_id, file, row_number, valid_from, valid_to, sheet
from versions
join (select indicator_code::weici_indicator as indicator_code, unit from ref.indicators) i using (indicator_code)
