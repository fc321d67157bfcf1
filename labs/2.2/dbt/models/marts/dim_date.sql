{#- The calendar: every day of the configured range, whether anything was sold on it or not. -#}
with days as (
    {{ date_spine(var('calendar_start'), var('calendar_end')) }}
)
select
    cast(to_char(date_day, 'YYYYMMDD') as integer) as date_key,
    date_day,
    extract(isoyear from date_day)::int as iso_year,
    extract(week from date_day)::int as iso_week,
    extract(year from date_day)::int as calendar_year,
    extract(quarter from date_day)::int as calendar_quarter,
    extract(month from date_day)::int as calendar_month,
    to_char(date_day, 'FMMonth') as month_name,
    extract(isodow from date_day)::int as day_of_week,
    extract(isodow from date_day) in (6, 7) as is_weekend
from days
