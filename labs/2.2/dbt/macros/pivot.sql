{#- One aggregated column per value: agg(case when column = value then then_value else else_value end) as prefix_value. -#}
{% macro pivot(column, values, then_value=1, else_value=0, agg='sum', prefix='') -%}
{%- for value in values %}
    {{ agg }}(case when {{ column }} = '{{ value }}' then {{ then_value }} else {{ else_value }} end) as {{ prefix ~ value }}
    {%- if not loop.last %},{% endif %}
{%- endfor %}
{%- endmacro %}
