-- Moving aggregates over the daily totals with explicit ROWS frames: the average of this and the two previous trading
-- days (fewer at the start), and a centred three-day sum. ROWS counts rows, so a weekend gap does not shrink the window.
WITH daily AS (
    SELECT sold_on, sum(amount_cents) AS total_cents
    FROM sales
    GROUP BY sold_on
)
SELECT sold_on,
       total_cents,
       round(avg(total_cents) OVER (ORDER BY sold_on ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS moving_avg_cents,
       count(*)         OVER (ORDER BY sold_on ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS days_in_window,
       sum(total_cents) OVER (ORDER BY sold_on ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS centred_sum_cents
FROM daily
ORDER BY sold_on;
