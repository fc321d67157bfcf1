{#- SCD type 2 by the timestamp strategy: a new version whenever the CRM's updated_at moves past the current
    version's start. A change the CRM made without touching updated_at is not seen. -#}
{% snapshot customer_profiles_timestamp %}
{{ config(
    target_schema='snapshots',
    unique_key='customer_id',
    strategy='timestamp',
    updated_at='updated_at',
    invalidate_hard_deletes=True
) }}
select customer_id, full_name, segment, city, updated_at
from {{ source('retail_ops', 'customer_profiles') }}
{% endsnapshot %}
