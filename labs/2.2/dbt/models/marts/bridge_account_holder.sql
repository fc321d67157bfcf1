{#- Bridge between accounts and their holders (many-to-many): one row per (account, holder) with the holder's
    weighting factor. The factors of an account add up to 1, so a measure multiplied by them and summed over the
    holders adds up to the account's measure exactly once. -#}
select
    {{ surrogate_key(['account_id']) }} as account_key,
    {{ surrogate_key(['customer_id']) }} as customer_key,
    cast(ownership_share as numeric(9, 4)) as weighting_factor
from {{ source('retail_ops', 'account_holders') }}
