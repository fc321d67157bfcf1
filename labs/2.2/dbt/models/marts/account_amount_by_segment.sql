{#- Transaction amounts per holder segment, through the bridge: weighted (each holder counts with its share,
    so the segments add up to the fact's total) and unweighted (each holder counts in full: a shared account's
    amount appears once per holder, the right answer to "how much moved on accounts this segment holds"). -#}
select
    customers.segment,
    sum(facts.amount_cents * bridge.weighting_factor) as weighted_amount_cents,
    sum(facts.amount_cents) as unweighted_amount_cents
from {{ ref('fct_account_transactions') }} as facts
join {{ ref('bridge_account_holder') }} as bridge on bridge.account_key = facts.account_key
join {{ ref('dim_customer') }} as customers on customers.customer_key = bridge.customer_key
group by customers.segment
