-- The suite's schema: departments, employees (a self-referencing org chart) and their sales (amounts in cents).
CREATE TABLE departments (
    id   integer PRIMARY KEY,
    name text    NOT NULL
);
CREATE TABLE employees (
    id            integer PRIMARY KEY,
    name          text    NOT NULL,
    department_id integer REFERENCES departments (id),
    manager_id    integer REFERENCES employees (id),
    salary        integer NOT NULL
);
CREATE TABLE sales (
    id           integer PRIMARY KEY,
    employee_id  integer NOT NULL REFERENCES employees (id),
    sold_on      date    NOT NULL,
    amount_cents bigint  NOT NULL
);
CREATE INDEX sales_employee_idx ON sales (employee_id);
