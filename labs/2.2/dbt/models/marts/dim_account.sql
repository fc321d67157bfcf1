select
    {{ surrogate_key(['account_id']) }} as account_key,
    account_id,
    account_type,
    opened_at
from {{ source('retail_ops', 'accounts') }}
