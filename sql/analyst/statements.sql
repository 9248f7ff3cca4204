-- Drafted 亮点 (kind = 'highlight') and 短板 (kind = 'shortfall') sentences per district and period,
-- with the indicator, peer group, basis (value, yoy, pp_change or target) and rank they rest on, and
-- the parts of rank sentences (lead figure, rank in its group, note, change) for merging groups.
select region_code, year, month, kind, text, indicator_code, peer_group_id, basis, rank, peer_count, rank_change, event,
  lead, basis_word, tied, rank_core, rank_note, change_text
from marts.statements
