select
    order_id,
    customer_id,
    store_id,
    ordered_at,
    cast(ordered_at as date) as order_date
from {{ source('retail_ops', 'orders') }}
