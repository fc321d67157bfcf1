-- regex(email): the whole value matches (anchored at both ends).
select row_id, email
from {{ source('raw', 'orders') }}
where email is not null and email !~ '^(?:[a-z]+\.?[0-9]+@[a-z0-9-]+(\.[a-z0-9-]+)+)$'
