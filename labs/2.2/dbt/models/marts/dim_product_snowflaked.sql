{#- Snowflaked product dimension: the product's own attributes and a key to its category; category and
    department attributes live one and two joins away. Same product_key as dim_product. -#}
select
    {{ surrogate_key(['product_id']) }} as product_key,
    product_id,
    sku,
    product_name,
    {{ surrogate_key(['category']) }} as category_key,
    list_price_cents
from {{ ref('stg_products') }}
