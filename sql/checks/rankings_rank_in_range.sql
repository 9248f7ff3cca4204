-- A rank lies between 1 and the number of ranked peers.
select * from marts.rankings where rank < 1 or rank > peer_count
