-- The per indicator scores behind analyst.composite_index, with the value used and whether it was
-- reported or carried from the previous or next year.
select peer_group_id, region_code, indicator_code, year, weight, raw_value, value, imputation, transform, eis_score, monitor_score
from marts.composite_index_scores
