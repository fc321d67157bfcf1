{#- Type 1 customer dimension: one row per customer, current attributes, the shipping city as the customer's home. -#}
select
    {{ surrogate_key(['customers.customer_id']) }} as customer_key,
    customers.customer_id,
    customers.customer_name,
    customers.email,
    customers.segment,
    addresses.city as home_city
from {{ ref('stg_customers') }} as customers
left join {{ ref('stg_customer_addresses') }} as addresses
    on addresses.customer_id = customers.customer_id
    and addresses.address_type = 'shipping'
