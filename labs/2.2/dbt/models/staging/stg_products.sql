select
    product_id,
    sku,
    product_name,
    category,
    department,
    list_price_cents
from {{ source('retail_ops', 'products') }}
