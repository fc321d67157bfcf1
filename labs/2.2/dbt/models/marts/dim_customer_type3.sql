{#- SCD type 3: the current segment and, beside it, the one before the last change and when that change
    happened. One step of history, in columns; a customer the CRM deleted keeps its last row. -#}
{{ config(materialized='incremental', unique_key='customer_id') }}
select
    src.customer_id,
    src.full_name,
    src.segment,
{%- if is_incremental() %}
    case when prev.segment <> src.segment then prev.segment else prev.previous_segment end as previous_segment,
    case when prev.segment <> src.segment then src.updated_at else prev.segment_changed_at end as segment_changed_at
from {{ source('retail_ops', 'customer_profiles') }} as src
left join {{ this }} as prev
    on prev.customer_id = src.customer_id
{%- else %}
    cast(null as text) as previous_segment,
    cast(null as timestamp) as segment_changed_at
from {{ source('retail_ops', 'customer_profiles') }} as src
{%- endif %}
