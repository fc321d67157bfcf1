{#- SCD type 1: every load overwrites a customer's row with the CRM's current values; no history is kept.
    A customer the CRM deleted keeps its last row (facts may still point at it). -#}
{{ config(materialized='incremental', unique_key='customer_id') }}
select
    customer_id,
    full_name,
    segment,
    city,
    updated_at
from {{ source('retail_ops', 'customer_profiles') }}
