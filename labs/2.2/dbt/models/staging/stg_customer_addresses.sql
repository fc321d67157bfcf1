select
    customer_id,
    address_type,
    city
from {{ source('retail_ops', 'customer_addresses') }}
