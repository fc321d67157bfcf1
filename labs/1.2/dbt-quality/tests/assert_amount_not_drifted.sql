-- distribution_drift(amount): the two-sample Kolmogorov-Smirnov statistic against the reference stays at most 0.15.
with a as (select amount::float8 as v from {{ source('raw', 'orders') }} where amount is not null),
     b as (select amount::float8 as v from {{ source('raw', 'orders_reference') }} where amount is not null),
     n as (select (select count(*) from a)::float8 as na, (select count(*) from b)::float8 as nb),
     g as (select v, sum(fa) as fa, sum(fb) as fb
           from (select v, 1 as fa, 0 as fb from a union all select v, 0, 1 from b) merged group by v),
     cdf as (select sum(fa) over (order by v) as ca, sum(fb) over (order by v) as cb from g)
select ks
from (select max(abs(ca / n.na - cb / n.nb)) as ks from cdf, n group by n.na, n.nb) statistic
where ks > 0.15
