-- Planted bug: the default frame is RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, and ordered by the day alone,
-- two sales on one day are peers: both rows get the total including the other.
SELECT employee_id,
       id AS sale_id,
       sold_on,
       amount_cents,
       sum(amount_cents) OVER (PARTITION BY employee_id ORDER BY sold_on) AS running_cents
FROM sales
ORDER BY employee_id, sold_on, id;
