-- FULL OUTER JOIN: headcount and payroll per department, keeping both the department nobody works in (0 people)
-- and the employees without a department (the row whose department is NULL).
SELECT d.id AS department_id,
       d.name,
       count(e.id) AS headcount,
       coalesce(sum(e.salary), 0) AS payroll
FROM departments d
FULL OUTER JOIN employees e ON e.department_id = d.id
GROUP BY d.id, d.name
ORDER BY d.id NULLS LAST;
