-- RANK and DENSE_RANK: equal salaries share a rank; RANK then skips (1, 2, 2, 4), DENSE_RANK does not (1, 2, 2, 3).
SELECT department_id,
       id AS employee_id,
       salary,
       RANK()       OVER (PARTITION BY department_id ORDER BY salary DESC) AS salary_rank,
       DENSE_RANK() OVER (PARTITION BY department_id ORDER BY salary DESC) AS salary_dense_rank
FROM employees
WHERE department_id IS NOT NULL
ORDER BY department_id, salary DESC, id;
