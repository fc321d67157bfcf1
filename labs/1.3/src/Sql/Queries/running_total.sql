-- A running total per employee with an explicit ROWS frame, ordered by a unique key (day, id): each sale adds exactly
-- its own amount, even when the employee sold twice on one day.
SELECT employee_id,
       id AS sale_id,
       sold_on,
       amount_cents,
       sum(amount_cents) OVER (PARTITION BY employee_id ORDER BY sold_on, id
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_cents
FROM sales
ORDER BY employee_id, sold_on, id;
