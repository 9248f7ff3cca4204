-- The open version of each figure in observations_history is the current submitted value.
select o.region_code, o.indicator_code, o.year, o.month, o.value, h.value as history_value
from marts.observations o
full join (select * from marts.observations_history where valid_to is null) h
  using (region_code, indicator_code, year, month)
where (o.origin = 'submission' or o.origin is null)
  and (o.load_id is distinct from h.load_id or o.value is distinct from h.value)
