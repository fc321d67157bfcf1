-- Recursive CTE: walk the org chart down from the root; each employee's depth and the chain of ids above them.
WITH RECURSIVE chain AS (
    SELECT id, 0 AS depth, id::text AS path
    FROM employees
    WHERE manager_id IS NULL
    UNION ALL
    SELECT e.id, c.depth + 1, c.path || '/' || e.id
    FROM employees e
    JOIN chain c ON e.manager_id = c.id
)
SELECT id AS employee_id, depth, path
FROM chain
ORDER BY id;
