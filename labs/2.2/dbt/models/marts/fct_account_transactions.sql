{#- Grain: one row per account transaction. The account is the only customer-side key: holders are reached
    through bridge_account_holder. -#}
select
    transaction_id,
    {{ surrogate_key(['account_id']) }} as account_key,
    cast(to_char(posted_at, 'YYYYMMDD') as integer) as date_key,
    amount_cents
from {{ source('retail_ops', 'account_transactions') }}
