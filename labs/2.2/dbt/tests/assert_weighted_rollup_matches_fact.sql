-- Singular test: the weighted rollup through the bridge adds up to the fact's total: nothing double counted.
select rollup.amount_cents, fact.amount_cents
from (select coalesce(sum(weighted_amount_cents), 0) as amount_cents from {{ ref('account_amount_by_segment') }}) as rollup
cross join (select coalesce(sum(amount_cents), 0) as amount_cents from {{ ref('fct_account_transactions') }}) as fact
where rollup.amount_cents <> fact.amount_cents
