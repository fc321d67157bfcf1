{#- A surrogate key: the md5 of the key columns, each cast to text, nulls made visible, joined by a separator
    so that ('1', '23') and ('12', '3') stay different keys. -#}
{% macro surrogate_key(columns) -%}
md5({%- for column in columns %}coalesce(cast({{ column }} as text), '_null_'){% if not loop.last %} || '|' || {% endif %}{%- endfor %})
{%- endmacro %}
