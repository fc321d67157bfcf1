-- Ordered-set aggregates: percentile_cont interpolates between the two nearest salaries, percentile_disc returns one
-- that exists (the first whose cumulative share reaches the fraction).
SELECT department_id,
       count(*) AS headcount,
       round((percentile_cont(0.5)  WITHIN GROUP (ORDER BY salary))::numeric, 2) AS median_salary,
       round((percentile_cont(0.25) WITHIN GROUP (ORDER BY salary))::numeric, 2) AS lower_quartile,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY salary) AS p90_salary
FROM employees
WHERE department_id IS NOT NULL
GROUP BY department_id
ORDER BY department_id;
