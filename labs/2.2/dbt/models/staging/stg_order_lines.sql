select
    order_id,
    line_number,
    product_id,
    quantity,
    unit_price_cents,
    quantity * unit_price_cents as revenue_cents
from {{ source('retail_ops', 'order_lines') }}
