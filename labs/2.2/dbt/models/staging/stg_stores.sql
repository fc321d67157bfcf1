select
    store_id,
    store_name,
    city,
    region_code
from {{ source('retail_ops', 'stores') }}
