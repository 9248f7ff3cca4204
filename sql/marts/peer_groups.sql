-- Peer groups and their resolved members.
select peer_group_id, any_value(peer_group_name) as peer_group_name, any_value(kind) as kind,
  count(distinct region_code) as member_count
from staging.stg_peer_group_members
where reason is null
group by peer_group_id
