-- LAG and LEAD over the daily totals: the previous and next trading day's total (NULL at the ends) and the change.
WITH daily AS (
    SELECT sold_on, sum(amount_cents) AS total_cents
    FROM sales
    GROUP BY sold_on
)
SELECT sold_on,
       total_cents,
       LAG(sold_on)      OVER (ORDER BY sold_on) AS previous_day,
       LAG(total_cents)  OVER (ORDER BY sold_on) AS previous_total,
       LEAD(total_cents) OVER (ORDER BY sold_on) AS next_total,
       total_cents - LAG(total_cents) OVER (ORDER BY sold_on) AS change_cents
FROM daily
ORDER BY sold_on;
