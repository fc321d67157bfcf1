-- Singular test: the fact's revenue equals the order lines' revenue (a fan-out join would inflate it).
select fact.revenue_cents, source.revenue_cents
from (select coalesce(sum(revenue_cents), 0) as revenue_cents from {{ ref('fct_sales') }}) as fact
cross join (select coalesce(sum(quantity * unit_price_cents), 0) as revenue_cents from {{ source('retail_ops', 'order_lines') }}) as source
where fact.revenue_cents <> source.revenue_cents
