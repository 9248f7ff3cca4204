-- Which region belongs to which peer group.
select distinct peer_group_id, peer_group_name, region_code from staging.stg_peer_group_members where reason is null
