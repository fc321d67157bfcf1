{#- SCD type 2 by the check strategy: a new version whenever segment or city differs from the current version,
    whatever updated_at says; versions start and end at the snapshot run's time. A change of full_name alone is
    not history here. -#}
{% snapshot customer_profiles_check %}
{{ config(
    target_schema='snapshots',
    unique_key='customer_id',
    strategy='check',
    check_cols=['segment', 'city'],
    invalidate_hard_deletes=True
) }}
select customer_id, full_name, segment, city
from {{ source('retail_ops', 'customer_profiles') }}
{% endsnapshot %}
