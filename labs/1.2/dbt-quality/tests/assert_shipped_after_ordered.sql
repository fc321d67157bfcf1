-- column_pair: shipped_at >= ordered_at wherever both are present.
select row_id, ordered_at, shipped_at
from {{ source('raw', 'orders') }}
where shipped_at is not null and ordered_at is not null and shipped_at < ordered_at
