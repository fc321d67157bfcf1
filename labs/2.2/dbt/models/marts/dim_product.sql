select
    {{ surrogate_key(['product_id']) }} as product_key,
    product_id,
    sku,
    product_name,
    category,
    department,
    list_price_cents
from {{ ref('stg_products') }}
