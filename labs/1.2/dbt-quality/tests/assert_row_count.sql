-- row_count_between: between 1,000 and 50,000,000 rows.
select n
from (select count(*) as n from {{ source('raw', 'orders') }}) counted
where n < 1000 or n > 50000000
