-- Drafted statements (亮点 and 短板) in the words a 科技局 writes by hand, one row per district,
-- period, indicator and peer group (rank statements) or target (target statements), for each
-- indicator's latest period and the two latest year ends. Each row keeps the numbers behind it (indicator,
-- peer group, basis, rank) so a page can link the sentence to its ranking, and its parts (lead,
-- basis_word, rank_core, rank_note, change_text) so a page can merge the groups of one figure into
-- one sentence: 居全市第一、全省第二.
-- Only ranks published as rankings are spoken of (marts.rankings.comparable: at least three ranked
-- members, not all showing the same figure).
--   highlight: a top-3 place in the top half of a group, not itself among the last three places and
--              not tied with the bottom, or ≥ 3 places gained into the top half likewise;
--              targets met, reached early or on 时序进度.
--   shortfall: a place in the bottom three and the bottom half (末位 only for the last rank, ties at
--              the bottom are all 末位), or ≥ 3 places lost; targets behind 时序进度 or missed.
-- Every sentence names its period (2026年1-10月 for flows and ratios over the year-to-date window,
-- 2026年10月末 for stocks, 2025年 / 2025年末 at year end) so it stays true when copied into a report.
-- Numbers as bureaus write them, at the precision they are ranked at (macro fmt_value, the same rule as
-- reports/format.ts displayDecimals): counts integers, 万元 integers when large and more digits when
-- small, other units two decimals; growth one decimal, 百分点 two; ranks 第一…第十, then 第14位; ties
-- 并列. Direction words follow the sign: 增长/提高/增加 only for a rise; 提高幅度 only for a % ratio that
-- rose (a per-capita ratio's change is its 增量); 达 only for good news.
with ind as (
  select indicator_code, name_zh, unit, kind, frequency, value_decimals, increment_decimals,
    coalesce(yoy_decimals, 1) as yoy_d, coalesce(pp_decimals, 2) as pp_d,
    kind = 'stock' or coalesce(point_in_time, false) as at_end
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
periods as materialized (
  select indicator_code, ym // 100 as year, ym % 100 as month from latest where ym is not null
  union
  select indicator_code, year, month
  from (select distinct indicator_code, year, month from marts.growth where month = 12)
  qualify row_number() over (partition by indicator_code order by year desc) <= 2
),
period_words as (
  select p.*,
    case when i.at_end then case when p.month = 12 then p.year || '年末' else p.year || '年' || p.month || '月末' end
         when i.frequency = 'annual' or p.month = 12 then p.year || '年'
         when p.month = 1 then p.year || '年1月'
         else p.year || '年1-' || p.month || '月' end as period_text
  from periods p join ind i using (indicator_code)
),
ranked as (
  select k.peer_group_id, k.peer_group_name, k.indicator_code, k.year, k.month, k.basis,
    k.region_code, k.rank, k.peer_count, k.prev_rank, k.rank_change
  from marts.rankings k
  join periods p using (indicator_code, year, month)
  where k.basis in ('value', 'yoy', 'pp_change') and k.comparable
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
  select r.*, pg.kind as group_kind, t.tie_count,
    -- Position of the tie block's last member counted from the bottom (1 = holds the last place).
    r.peer_count - r.rank - t.tie_count + 2 as from_bottom
  from ranked r
  join ties t using (peer_group_id, indicator_code, year, month, basis, rank)
  join marts.peer_groups pg using (peer_group_id)
),
events as (
  select *,
    -- A 亮点 is a place in the top half that is neither tied with the bottom (from_bottom = 1) nor itself
    -- among the last three places (peer_count - rank < 3): in a group of three nothing is a 亮点.
    case when rank <= 3 and 2 * rank <= peer_count and from_bottom > 1 and peer_count - rank >= 3 then 'top'
         when from_bottom <= 3 and 2 * from_bottom <= peer_count and 2 * rank > peer_count then 'bottom'
         -- A gain is news when it lands in the top half; a loss of 3 or more places always is.
         when rank_change >= 3 and 2 * rank <= peer_count and from_bottom > 1 and peer_count - rank >= 3 then 'gain'
         when rank_change <= -3 then 'loss' end as event
  from ranks
),
figures as materialized (
  select e.*, i.name_zh, i.unit, i.kind as indicator_kind, g.value, g.yoy_pct, g.pp_change, pw.period_text,
    case e.group_kind when 'city' then '全市' when 'province' then '全省' else e.peer_group_name end as scope,
    -- Decimals once per figure, then plain formatting: each expansion of the macro costs planning time.
    case when g.value is not null then fmt_fixed(g.value, coalesce(i.value_decimals, display_decimals(i.unit, g.value))) || i.unit end as value_text,
    round(g.yoy_pct, i.yoy_d) as yoy_shown,
    round(g.pp_change, i.pp_d) as pp_shown,
    i.yoy_d, i.pp_d
  from events e
  join ind i using (indicator_code)
  join period_words pw using (indicator_code, year, month)
  left join figures_in_period g using (region_code, indicator_code, year, month)
  where e.event is not null
),
worded as (
  select *,
    case when yoy_shown is null then null
         when yoy_shown = 0 then '同比持平'
         else (case when yoy_shown > 0 then '同比增长' else '同比下降' end) || fmt_fixed(abs(yoy_shown), yoy_d) || '%' end as yoy_text,
    case when pp_shown is null then null
         when pp_shown = 0 then case when month = 12 then '与上年持平' else '与上年同期持平' end
         when unit = '%' then (case when pp_shown > 0 then '提高' else '下降' end) || fmt_fixed(abs(pp_shown), pp_d) || '个百分点'
         else (case when pp_shown > 0 then '增加' else '减少' end) || fmt_fixed(abs(pp_shown), pp_d) || unit end as pp_text
  from figures
),
parts as (
  select region_code, year, month, indicator_code, peer_group_id, basis, rank, peer_count, rank_change, event,
    case when event in ('top', 'gain') then 'highlight' else 'shortfall' end as kind,
    period_text || case basis
      when 'yoy' then name_zh || yoy_text
      when 'pp_change' then name_zh || value_text || '，' || pp_text
      when 'value' then case when indicator_kind = 'ratio' then name_zh || value_text || coalesce('，' || pp_text, '')
                             -- 达 ("reached") only where the figure is good news.
                             when event in ('top', 'gain') then name_zh || '达' || value_text || coalesce('，' || yoy_text, '')
                             else name_zh || value_text || coalesce('，' || yoy_text, '') end
    end as lead,
    case basis when 'yoy' then '增速'
      -- 提高幅度 only for a % ratio that rose; a per-capita ratio's change is its 增量.
      when 'pp_change' then case when unit <> '%' then '增量' when pp_shown > 0 then '提高幅度' else '变动幅度' end
      else '' end as basis_word,
    tie_count > 1 as tied,
    case when tie_count > 1 then '并列' else '' end || scope
      || case when rank between 1 and 10 then '第' || ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][rank] else '第' || rank || '位' end as rank_core,
    case when event = 'bottom' then case from_bottom when 1 then '末位' when 2 then '倒数第二' else '倒数第三' end end as rank_note,
    case when rank_change > 0 then (case when month = 12 then '较上年前进' else '较去年同期前进' end) || rank_change || '位'
         when rank_change < 0 then (case when month = 12 then '较上年后退' else '较去年同期后退' end) || (-rank_change) || '位' end as change_text
  from worded
),
rank_statements as (
  -- e.g. 2026年10月末高新技术企业数达1,096家，同比增长12.3%，居全市第一 · 增速并列全省第三（倒数第三），较上年后退5位
  select region_code, year, month, kind,
    concat_ws('，', lead, basis_word || case when tied then '' else '居' end || rank_core || coalesce('（' || rank_note || '）', ''), change_text) as text,
    indicator_code, peer_group_id, basis, rank, peer_count, rank_change, event, lead, basis_word, tied, rank_core, rank_note, change_text
  from parts
),
progress as (
  select t.*, row_number() over (partition by region_code, indicator_code, year, target_kind order by month desc) as rn
  from marts.target_progress t
),
-- Decimals each figure is shown at, computed once (see figures).
latest_progress as materialized (
  select p.*, i.unit as unit_,
    coalesce(i.value_decimals, display_decimals(i.unit, p.actual)) as actual_d,
    coalesce(i.value_decimals, display_decimals(i.unit, p.target_value)) as target_d,
    coalesce(i.increment_decimals, display_decimals(i.unit, p.actual - p.base_value)) as net_d
  from progress p join ind i using (indicator_code)
  where p.rn = 1 and p.actual is not null
),
targets as (
  select p.region_code, p.year, p.month, p.indicator_code, p.target_kind, p.status, p.reached, i.name_zh, i.unit,
    p.completion_basis, p.progress_method, i.yoy_d,
    case when i.at_end then case when p.month = 12 then p.year || '年末' else p.year || '年' || p.month || '月末' end
         when p.month = 12 then p.year || '年'
         when p.month = 1 then p.year || '年1月'
         else p.year || '年1-' || p.month || '月' end as period_text,
    fmt_fixed(p.actual, p.actual_d) || i.unit as actual_text,
    fmt_fixed(p.target_value, p.target_d) || i.unit as target_text,
    fmt_fixed(p.actual - p.base_value, p.net_d) || i.unit as net_text,
    round(p.actual, i.yoy_d) as growth_shown,
    (case when p.target_value < 0 then '下降' else '增长' end) || fmt_fixed(abs(p.target_value), i.yoy_d) || '%' as target_growth_text,
    fmt_fixed(p.completion_pct, 1) || '%' as completion_text,
    round(p.completion_pct, 1) - round(p.time_progress_pct, 1) as ahead_pp,
    case when p.progress_method = 'last_year' then '去年同期进度' else '时序进度' end as progress_word,
    -- Gaps between the figures as shown, so the words agree with what the reader can check.
    case when p.target_kind = 'growth' then round(p.actual, i.yoy_d) - round(p.target_value, i.yoy_d)
         else round(p.actual, p.actual_d) - round(p.target_value, p.target_d) end as gap
  from latest_progress p
  join ind i using (indicator_code)
),
target_statements as (
  select region_code, year, month,
    case when status in ('met', 'on_track') then 'highlight' else 'shortfall' end as kind,
    period_text || case target_kind
      -- A growth rate is judged in 百分点 against the target rate; 达到/未达到 only once the year is complete.
      when 'growth' then name_zh
        || case when growth_shown = 0 then '同比持平' when growth_shown > 0 then '同比增长' || fmt_fixed(growth_shown, yoy_d) || '%'
                else '同比下降' || fmt_fixed(abs(growth_shown), yoy_d) || '%' end || '，'
        || case when month = 12 and status = 'met' then '达到年度目标（' || target_growth_text || '）'
                  || case when gap > 0 then '，高于目标' || fmt_fixed(gap, yoy_d) || '个百分点' else '' end
                when month = 12 then '未达到年度目标（' || target_growth_text || '），低于目标' || fmt_fixed(abs(gap), yoy_d) || '个百分点'
                when gap > 0 then '高于年度目标（' || target_growth_text || '）' || fmt_fixed(gap, yoy_d) || '个百分点'
                when gap = 0 then '与年度目标（' || target_growth_text || '）持平'
                else '低于年度目标（' || target_growth_text || '）' || fmt_fixed(abs(gap), yoy_d) || '个百分点' end
      when 'ratio' then name_zh || actual_text || '，'
        || case when gap > 0 then '高于年度目标（' || target_text || '）' || fmt_fixed(gap, 2) || case when unit = '%' then '个百分点' else unit end
                when gap = 0 then '达到年度目标（' || target_text || '）'
                else '低于年度目标（' || target_text || '）' || fmt_fixed(abs(gap), 2) || case when unit = '%' then '个百分点' else unit end end
      else
        name_zh || case when status in ('met', 'on_track') then '达' else '' end || actual_text
        || case when completion_basis = 'net_increase' then '，比上年末净增' || net_text || '，完成年度目标（' || target_text || '）净增任务的'
                else '，完成年度目标（' || target_text || '）的' end || completion_text
        || case
             when status = 'met' then ''
             when status = 'missed' then '，未完成年度目标'
             when reached then '，已提前完成年度目标'
             when ahead_pp is null then ''
             when ahead_pp > 0 then '，超' || progress_word || fmt_fixed(ahead_pp, 1) || '个百分点'
             when ahead_pp < 0 then '，落后' || progress_word || fmt_fixed(-ahead_pp, 1) || '个百分点'
             else '，与' || progress_word || '持平' end
    end as text,
    indicator_code, null::varchar as peer_group_id, 'target' as basis, null::bigint as rank, null::bigint as peer_count,
    null::bigint as rank_change, 'target_' || status as event, null::varchar as lead, null::varchar as basis_word,
    null::boolean as tied, null::varchar as rank_core, null::varchar as rank_note, null::varchar as change_text
  from targets
)
select * from rank_statements
union all
select * from target_statements
