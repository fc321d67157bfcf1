-- Planted bug: an inner join where the anti join should be — it keeps the employees who do have sales.
SELECT DISTINCT e.id AS employee_id, e.department_id
FROM employees e
JOIN sales s ON s.employee_id = e.id
ORDER BY e.id;
