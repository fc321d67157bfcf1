-- Semi join: employees with at least one sale of 4,000.00 or more, each listed once however many such sales they have.
SELECT e.id AS employee_id, e.name
FROM employees e
WHERE EXISTS (SELECT 1 FROM sales s WHERE s.employee_id = e.id AND s.amount_cents >= 400000)
ORDER BY e.id;
