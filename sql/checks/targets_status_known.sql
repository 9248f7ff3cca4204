-- Every target status is one of met, on_track, behind, missed.
select * from marts.target_progress where status not in ('met', 'on_track', 'behind', 'missed') or status is null
