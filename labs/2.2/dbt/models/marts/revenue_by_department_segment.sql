{#- Revenue per product department, one column per customer segment (the segments come from a project var). -#}
select
    products.department,
    {{ pivot('customers.segment', var('customer_segments'), then_value='sales.revenue_cents', prefix='revenue_cents_') }},
    {{ cents_to_currency('sum(sales.revenue_cents)') }} as revenue
from {{ ref('fct_sales') }} as sales
join {{ ref('dim_customer') }} as customers on customers.customer_key = sales.customer_key
join {{ ref('dim_product') }} as products on products.product_key = sales.product_key
group by products.department
