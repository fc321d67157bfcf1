-- between(amount): 0 <= amount <= 10000, both bounds inclusive; nulls are not_null's business.
select row_id, amount
from {{ source('raw', 'orders') }}
where amount is not null and (amount < 0 or amount > 10000)
