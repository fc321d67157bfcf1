-- The operational source data the dbt project reads (schema retail_ops), deterministic: the CI workflow loads it
-- with psql before `dbt build`, and the lab's experiment loads the same file. The number of orders is on the
-- line marked "orders"; lines, customers and dates follow from it by arithmetic, so every run has the same rows.
drop schema if exists retail_ops cascade;
create schema retail_ops;
create table retail_ops.customers (customer_id int primary key, full_name text not null, email text not null, segment text not null, created_at timestamp not null);
create table retail_ops.customer_addresses (customer_id int not null references retail_ops.customers, address_type text not null, city text not null, primary key (customer_id, address_type));
create table retail_ops.products (product_id int primary key, sku text not null unique, product_name text not null, category text not null, department text not null, list_price_cents bigint not null);
create table retail_ops.stores (store_id int primary key, store_name text not null, city text not null, region_code text not null);
create table retail_ops.orders (order_id int primary key, customer_id int not null references retail_ops.customers, store_id int not null references retail_ops.stores, ordered_at timestamp not null);
create table retail_ops.order_lines (order_id int not null references retail_ops.orders, line_number int not null, product_id int not null references retail_ops.products, quantity int not null, unit_price_cents bigint not null, primary key (order_id, line_number));
create table retail_ops.customer_profiles (customer_id int primary key, full_name text not null, segment text not null, city text not null, updated_at timestamp not null);
create table retail_ops.accounts (account_id int primary key, account_type text not null, opened_at timestamp not null);
create table retail_ops.account_holders (account_id int not null references retail_ops.accounts, customer_id int not null references retail_ops.customers, ownership_share numeric(5, 4) not null, primary key (account_id, customer_id));
create table retail_ops.account_transactions (transaction_id int primary key, account_id int not null references retail_ops.accounts, amount_cents bigint not null, posted_at timestamp not null);

insert into retail_ops.customers
select c, '  Customer ' || c || ' ', 'Customer' || c || '@Example.com',
       (array['consumer', 'small_business', 'corporate'])[1 + c % 3], timestamp '2023-01-01' + c * interval '1 day'
from generate_series(1, 200) as c;

insert into retail_ops.customer_addresses
select c, 'shipping', (array['Lisbon', 'Porto', 'Braga', 'Faro', 'Coimbra'])[1 + c % 5] from generate_series(1, 200) as c
union all
select c, 'billing', (array['Porto', 'Lisbon'])[1 + c % 2] from generate_series(2, 200, 2) as c;

insert into retail_ops.products
select p, 'SKU-' || lpad(p::text, 4, '0'), 'Product ' || p, 'category ' || (1 + p % 8),
       (array['grocery', 'home', 'garden', 'toys'])[1 + p % 4], 100 + (p * 137) % 5000
from generate_series(1, 40) as p;

insert into retail_ops.stores
select s, 'Store ' || s, (array['Lisbon', 'Porto', 'Braga', 'Faro'])[1 + s % 4], (array['N', 'S', 'E', 'W'])[1 + s % 4]
from generate_series(1, 8) as s;

insert into retail_ops.orders
select o, 1 + (o * 7919) % 200, 1 + o % 8, timestamp '2024-01-01' + ((o * 37) % 366) * interval '1 day' + (o % 24) * interval '1 hour'
from generate_series(1, 2000) as o; -- orders

insert into retail_ops.order_lines
select o.order_id, l, 1 + (o.order_id * 13 + l * 7) % 40, 1 + (o.order_id + l) % 5, 100 + ((o.order_id * 13 + l * 7) % 40 * 137) % 5000
from retail_ops.orders as o, generate_series(1, 1 + o.order_id % 3) as l;

-- The CRM's current profile of every customer (what the snapshots and the type-1 and type-3 models keep).
insert into retail_ops.customer_profiles
select c, 'Customer ' || c, (array['consumer', 'small_business', 'corporate'])[1 + c % 3],
       (array['Lisbon', 'Porto', 'Braga', 'Faro', 'Coimbra'])[1 + c % 5], timestamp '2024-01-01' + c * interval '1 hour'
from generate_series(1, 200) as c;

-- Accounts and their holders: every third account is held jointly (shares 0.6 and 0.4, which add up to 1).
insert into retail_ops.accounts
select a, (array['checking', 'savings', 'joint'])[1 + a % 3], timestamp '2023-06-01' + a * interval '1 day'
from generate_series(1, 60) as a;

insert into retail_ops.account_holders
select a, 1 + (a * 7) % 200, case when a % 3 = 0 then 0.6 else 1 end from generate_series(1, 60) as a
union all
select a, 1 + (a * 11 + 3) % 200, 0.4 from generate_series(3, 60, 3) as a; -- never the first holder: 4a = 197 (mod 200) has no solution

insert into retail_ops.account_transactions
select t, 1 + (t * 17) % 60, (case when t % 4 = 0 then -1 else 1 end) * (100 + (t * 389) % 20000),
       timestamp '2024-01-01' + (t % 300) * interval '1 day'
from generate_series(1, 1000) as t;
