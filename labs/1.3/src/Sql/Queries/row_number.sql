-- ROW_NUMBER: each employee's position in their department by salary, ties broken by id, so every row gets its own number.
SELECT department_id,
       id AS employee_id,
       salary,
       ROW_NUMBER() OVER (PARTITION BY department_id ORDER BY salary DESC, id) AS position
FROM employees
WHERE department_id IS NOT NULL
ORDER BY department_id, position;
