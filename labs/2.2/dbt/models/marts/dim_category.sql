{#- Snowflaked product hierarchy, middle level: one row per category, pointing at its department instead of
    repeating the department's attributes. -#}
select distinct
    {{ surrogate_key(['category']) }} as category_key,
    category as category_name,
    {{ surrogate_key(['department']) }} as department_key
from {{ ref('stg_products') }}
