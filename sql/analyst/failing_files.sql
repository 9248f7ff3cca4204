-- What makes a run partial: each file whose latest load failed, failing since its first failure after
-- its last good load, with the latest error; and each file with rows a source data check left out
-- (pipelines/checks.ts), since that file was loaded. Shown by `weici status` and the quality page.
with per_file as (
  select source_id, file, arg_max(status, load_id) as latest, max(load_id) filter (where status = 'loaded') as last_ok
  from meta.loads group by all
),
failed as (
  select l.source_id, l.file, 'file failed' as problem, min(l.loaded_at) as failing_since, count(*) as failed_loads,
    arg_max(l.error, l.load_id) as error
  from meta.loads l join per_file p using (source_id, file)
  where p.latest = 'failed' and l.status = 'failed' and l.load_id > coalesce(p.last_ok, 0)
  group by all
),
left_out as (
  select l.source_id, l.file, 'rows left out by a data check' as problem, min(l.loaded_at) as failing_since, null::bigint as failed_loads,
    count(*) || ' row(s) failed data check ' || string_agg(distinct q.check_name, ', ') as error
  from meta.check_quarantine q
  join meta.loads l using (load_id)
  group by all
)
select * from failed
union all
select * from left_out
