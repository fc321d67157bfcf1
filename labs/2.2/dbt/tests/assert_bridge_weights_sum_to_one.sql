-- Singular test: every account's weighting factors add up to exactly 1 (else weighted rollups gain or lose money).
select account_key, sum(weighting_factor) as total_weight
from {{ ref('bridge_account_holder') }}
group by account_key
having sum(weighting_factor) <> 1
