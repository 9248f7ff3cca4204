-- 高新技术企业数 ranks in 杭州市 for the latest year-end
select r.rank, g.name, r.value, r.prev_rank, r.rank_change
from analyst.rankings r join analyst.regions g using (region_code)
where r.peer_group_id = 'city:330100' and r.indicator_code = 'hte_count'
  and r.basis = 'value' and r.month = 12
  and r.year = (select max(year) from analyst.rankings where indicator_code = 'hte_count' and month = 12)
order by r.rank
