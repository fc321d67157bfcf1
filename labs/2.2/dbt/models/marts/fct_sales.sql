{#- Grain: one row per order line (order_id, line_number). Measures are additive across every dimension.
    The ship-to city is a degenerate attribute read from the customer's shipping address. -#}
with lines as (
    select * from {{ ref('stg_order_lines') }}
),
orders as (
    select * from {{ ref('stg_orders') }}
)
select
    {{ surrogate_key(['lines.order_id', 'lines.line_number']) }} as sales_key,
    lines.order_id,
    lines.line_number,
    {{ surrogate_key(['orders.customer_id']) }} as customer_key,
    {{ surrogate_key(['lines.product_id']) }} as product_key,
    {{ surrogate_key(['orders.store_id']) }} as store_key,
    cast(to_char(orders.order_date, 'YYYYMMDD') as integer) as date_key,
    addr.city as ship_city,
    lines.quantity,
    lines.unit_price_cents,
    lines.revenue_cents,
    {{ cents_to_currency('lines.revenue_cents') }} as revenue,
    '{{ env_var('DBT_CURRENCY', 'EUR') }}' as currency_code
from lines
join orders
    on orders.order_id = lines.order_id
left join {{ ref('stg_customer_addresses') }} as addr
    on addr.customer_id = orders.customer_id
    and addr.address_type = 'shipping'
