select
    customer_id,
    trim(full_name) as customer_name,
    lower(email) as email,
    segment,
    created_at
from {{ source('retail_ops', 'customers') }}
