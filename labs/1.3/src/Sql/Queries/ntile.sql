-- NTILE(4): salary quartiles over the whole company; the first (n mod 4) buckets get one row more.
SELECT id AS employee_id,
       salary,
       NTILE(4) OVER (ORDER BY salary DESC, id) AS quartile
FROM employees
ORDER BY salary DESC, id;
