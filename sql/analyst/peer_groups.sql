-- Peer groups (全市, 全省 and custom groups) with their member counts.
select peer_group_id, peer_group_name, kind, member_count from marts.peer_groups
