{#- A second fact at a coarser grain (store x day) that shares the conformed dim_store and dim_date keys. -#}
select
    store_key,
    date_key,
    count(*) as line_count,
    sum(quantity) as units,
    sum(revenue_cents) as revenue_cents
from {{ ref('fct_sales') }}
group by store_key, date_key
