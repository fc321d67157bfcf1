-- freshness(ordered_at): the newest order is at most 24 hours older than the run's as_of.
select newest
from (select max(ordered_at) as newest from {{ source('raw', 'orders') }}) latest
where newest is null or newest < timestamptz '{{ var("as_of") }}' - interval '24 hours'
