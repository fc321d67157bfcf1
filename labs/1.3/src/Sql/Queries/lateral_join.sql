-- LATERAL: for each department, a subquery that may refer to it — its two best-paid employees (fewer if it has fewer).
SELECT d.id AS department_id, top.employee_id, top.salary
FROM departments d
CROSS JOIN LATERAL (
    SELECT e.id AS employee_id, e.salary
    FROM employees e
    WHERE e.department_id = d.id
    ORDER BY e.salary DESC, e.id
    LIMIT 2
) AS top
ORDER BY d.id, top.salary DESC, top.employee_id;
