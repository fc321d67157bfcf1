-- Self join: employees paid more than their own manager (the table joined to itself through manager_id).
SELECT e.id     AS employee_id,
       e.salary AS salary,
       m.id     AS manager_id,
       m.salary AS manager_salary
FROM employees e
JOIN employees m ON m.id = e.manager_id
WHERE e.salary > m.salary
ORDER BY e.id;
