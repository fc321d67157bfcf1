select
    {{ surrogate_key(['stores.store_id']) }} as store_key,
    stores.store_id,
    stores.store_name,
    stores.city,
    regions.region_name,
    regions.country
from {{ ref('stg_stores') }} as stores
join {{ ref('regions') }} as regions
    on regions.region_code = stores.region_code
