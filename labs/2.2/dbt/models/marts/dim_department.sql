{#- Snowflaked product hierarchy, top level: one row per department. -#}
select distinct
    {{ surrogate_key(['department']) }} as department_key,
    department as department_name
from {{ ref('stg_products') }}
