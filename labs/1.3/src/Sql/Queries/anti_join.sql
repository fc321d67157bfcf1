-- Anti join: employees with no sale at all (NOT EXISTS; NOT IN would return nothing if the subquery held a NULL).
SELECT e.id AS employee_id, e.department_id
FROM employees e
WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.employee_id = e.id)
ORDER BY e.id;
