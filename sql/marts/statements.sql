-- Drafted statements (亮点 and 短板) in the words a 科技局 writes by hand, one row per district,
-- period, indicator and peer group (rank statements) or target (target statements), for each
-- indicator's latest period and the two latest year ends. Each row keeps the numbers behind it (indicator,
-- peer group, basis, rank) so a page can link the sentence to its ranking, and its parts (lead,
-- basis_word, rank_core, rank_note, change_text) so a page can merge the groups of one figure into
-- one sentence: 居全市第一、全省第二.
--   highlight: a top-3 place within the top half of a group, or ≥ 3 places gained into the top
--              half; targets met, reached early or on 时序进度.
--   shortfall: a bottom-3 place within the bottom half (ties at the bottom are all 末位), or ≥ 3
--              places lost; targets behind 时序进度 or missed.
-- Numbers as bureaus write them (reports/format.ts does the same in TS): counts and 万元 as integers
-- with thousands separators, other units two decimals, growth one decimal, 百分点 two decimals; ranks
-- 第一…第十, then 第14位; ties 并列.
with ind as (
  select indicator_code, name_zh, unit, kind, frequency,
    unit in ('家', '项', '件', '个', '人', '万元', '元') as is_count
  from ref.indicators
),
latest as (
  select g.indicator_code,
    case when any_value(i.frequency) = 'annual' then max(g.year * 100 + g.month) filter (where g.month = 12)
         else max(g.year * 100 + g.month) end as ym
  from marts.growth g join ind i using (indicator_code)
  group by g.indicator_code
),
-- The latest period and the two latest year ends: what a 工作总结 or a 月报 speaks about. Older year
-- ends would multiply the rows (a national run has ten) for sentences nobody drafts any more.
periods as (
  select indicator_code, ym // 100 as year, ym % 100 as month from latest where ym is not null
  union
  select indicator_code, year, month
  from (select distinct indicator_code, year, month from marts.growth where month = 12)
  qualify row_number() over (partition by indicator_code order by year desc) <= 2
),
ranked as (
  select k.peer_group_id, k.peer_group_name, k.indicator_code, k.year, k.month, k.basis,
    k.region_code, k.rank, k.peer_count, k.prev_rank, k.rank_change
  from marts.rankings k
  join periods p using (indicator_code, year, month)
  where k.basis in ('value', 'yoy', 'pp_change')
),
-- How many share each rank: a grouped count, far cheaper than a window over millions of tiny partitions.
ties as (
  select peer_group_id, indicator_code, year, month, basis, rank, count(*) as tie_count
  from ranked group by all
),
figures_in_period as (
  select g.region_code, g.indicator_code, g.year, g.month, g.value, g.yoy_pct, g.pp_change
  from marts.growth g join periods using (indicator_code, year, month)
),
ranks as (
  select r.*, pg.kind as group_kind, t.tie_count
  from ranked r
  join ties t using (peer_group_id, indicator_code, year, month, basis, rank)
  join marts.peer_groups pg using (peer_group_id)
),
events as (
  select *,
    -- Position counted from the bottom; a tie at the bottom is 末位 for all its members.
    peer_count - rank - tie_count + 2 as from_bottom,
    case when peer_count >= 2 and rank <= 3 and 2 * rank <= peer_count then 'top'
         when peer_count >= 3 and peer_count - rank - tie_count + 2 <= 3 and 2 * (peer_count - rank - tie_count + 2) <= peer_count then 'bottom'
         -- A gain is news when it lands in the top half; a loss of 3 or more places always is.
         when rank_change >= 3 and 2 * rank <= peer_count then 'gain'
         when rank_change <= -3 then 'loss' end as event
  from ranks
),
figures as (
  select e.*, i.name_zh, i.unit, i.kind as indicator_kind, g.value, g.yoy_pct, g.pp_change,
    case e.group_kind when 'city' then '全市' when 'province' then '全省' else e.peer_group_name end as scope,
    case when g.value is null then null
         when i.is_count then format('{:,.0f}', round(g.value, 0)) || i.unit
         else format('{:,.2f}', round(g.value, 2)) || i.unit end as value_text,
    case when g.yoy_pct is null then null
         when round(abs(g.yoy_pct), 1) = 0 then '同比持平'
         else (case when g.yoy_pct > 0 then '同比增长' else '同比下降' end) || format('{:,.1f}', round(abs(g.yoy_pct), 1)) || '%' end as yoy_text,
    case when g.pp_change is null then null
         when round(abs(g.pp_change), 2) = 0 then '与上年同期持平'
         when i.unit = '%' then (case when g.pp_change > 0 then '提高' else '下降' end) || format('{:,.2f}', round(abs(g.pp_change), 2)) || '个百分点'
         else (case when g.pp_change > 0 then '增加' else '减少' end) || format('{:,.2f}', round(abs(g.pp_change), 2)) || i.unit end as pp_text
  from events e
  join ind i using (indicator_code)
  left join figures_in_period g using (region_code, indicator_code, year, month)
  where e.event is not null
),
parts as (
  select region_code, year, month, indicator_code, peer_group_id, basis, rank, peer_count, rank_change, event,
    case when event in ('top', 'gain') then 'highlight' else 'shortfall' end as kind,
    case basis
      when 'yoy' then name_zh || yoy_text
      when 'pp_change' then name_zh || value_text || '，' || pp_text
      when 'value' then case when indicator_kind = 'ratio' then name_zh || value_text || coalesce('，' || pp_text, '')
                             -- 达 ("reached") only where the figure is good news.
                             when event in ('top', 'gain') then name_zh || '达' || value_text || coalesce('，' || yoy_text, '')
                             else name_zh || value_text || coalesce('，' || yoy_text, '') end
    end as lead,
    case basis when 'yoy' then '增速' when 'pp_change' then '提高幅度' else '' end as basis_word,
    tie_count > 1 as tied,
    case when tie_count > 1 then '并列' else '' end || scope
      || case when rank between 1 and 10 then '第' || ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][rank] else '第' || rank || '位' end as rank_core,
    case when event = 'bottom' then case from_bottom when 1 then '末位' when 2 then '倒数第二' else '倒数第三' end end as rank_note,
    case when rank_change > 0 then (case when month = 12 then '较上年前进' else '较去年同期前进' end) || rank_change || '位'
         when rank_change < 0 then (case when month = 12 then '较上年后退' else '较去年同期后退' end) || (-rank_change) || '位' end as change_text
  from figures
),
rank_statements as (
  -- e.g. 高新技术企业数达1,096家，同比增长12.3%，居全市第一 · 增速并列全省第三（倒数第三），较上年后退5位
  select region_code, year, month, kind,
    concat_ws('，', lead, basis_word || case when tied then '' else '居' end || rank_core || coalesce('（' || rank_note || '）', ''), change_text) as text,
    indicator_code, peer_group_id, basis, rank, peer_count, rank_change, event, lead, basis_word, tied, rank_core, rank_note, change_text
  from parts
),
progress as (
  select t.*, row_number() over (partition by region_code, indicator_code, year, target_kind order by month desc) as rn
  from marts.target_progress t
),
targets as (
  select p.region_code, p.year, p.month, p.indicator_code, p.target_kind, p.status, p.reached, i.name_zh, i.unit,
    p.completion_pct, p.time_progress_pct,
    case when i.is_count then format('{:,.0f}', round(p.actual, 0)) || i.unit else format('{:,.2f}', round(p.actual, 2)) || i.unit end as actual_text,
    case when i.is_count then format('{:,.0f}', round(p.target_value, 0)) || i.unit else format('{:,.2f}', round(p.target_value, 2)) || i.unit end as target_text,
    case when round(abs(p.actual), 1) = 0 then '同比持平'
         else (case when p.actual > 0 then '同比增长' else '同比下降' end) || format('{:,.1f}', round(abs(p.actual), 1)) || '%' end as growth_text,
    (case when p.target_value < 0 then '下降' else '增长' end) || format('{:,.1f}', round(abs(p.target_value), 1)) || '%' as target_growth_text,
    format('{:,.1f}', round(p.completion_pct, 1)) || '%' as completion_text,
    round(p.completion_pct - p.time_progress_pct, 1) as ahead_pp,
    round(p.actual - p.target_value, 2) as gap
  from progress p
  join ind i using (indicator_code)
  where p.rn = 1 and p.actual is not null
),
target_statements as (
  select region_code, year, month,
    case when status in ('met', 'on_track') then 'highlight' else 'shortfall' end as kind,
    case target_kind
      when 'growth' then name_zh || growth_text || '，'
        || case when reached then '达到年度目标（' || target_growth_text || '）'
                else '未达到年度目标（' || target_growth_text || '）' end
      when 'ratio' then name_zh || actual_text || '，'
        || case when reached and unit = '%' and gap > 0 then '高于年度目标（' || target_text || '）' || format('{:,.2f}', gap) || '个百分点'
                when reached then '达到年度目标（' || target_text || '）'
                when unit = '%' then '低于年度目标（' || target_text || '）' || format('{:,.2f}', abs(gap)) || '个百分点'
                else '未达到年度目标（' || target_text || '）' end
      else
        case
          when status = 'met' then name_zh || '达' || actual_text || '，完成年度目标（' || target_text || '）的' || completion_text
          when reached then name_zh || '达' || actual_text || '，已提前完成年度目标（' || target_text || '），完成率' || completion_text
          when status = 'missed' then name_zh || actual_text || '，完成年度目标（' || target_text || '）的' || completion_text || '，未完成年度目标'
          when time_progress_pct is null then name_zh || actual_text || '，完成年度目标（' || target_text || '）的' || completion_text
          else name_zh || '达' || actual_text || '，完成年度目标（' || target_text || '）的' || completion_text || '，'
            || case when ahead_pp > 0 then '超时序进度' || format('{:,.1f}', ahead_pp) || '个百分点'
                    when ahead_pp < 0 then '落后时序进度' || format('{:,.1f}', -ahead_pp) || '个百分点'
                    else '与时序进度持平' end
        end
    end as text,
    indicator_code, null::varchar as peer_group_id, 'target' as basis, null::bigint as rank, null::bigint as peer_count,
    null::bigint as rank_change, 'target_' || status as event, null::varchar as lead, null::varchar as basis_word,
    null::boolean as tied, null::varchar as rank_core, null::varchar as rank_note, null::varchar as change_text
  from targets
)
select * from rank_statements
union all
select * from target_statements
