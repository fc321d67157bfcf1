{#- One row per day from start_date to end_date inclusive, as a column named date_day. -#}
{% macro date_spine(start_date, end_date, column_name='date_day') -%}
select cast(day as date) as {{ column_name }}
from generate_series(cast('{{ start_date }}' as date), cast('{{ end_date }}' as date), interval '1 day') as day
{%- endmacro %}
