-- The same shop as one wide table, the way a spreadsheet export or a naive design stores it:
-- one row per order line, repeating the order's, the customer's and the product's facts on every line.
-- Its key is (order_id, line_no), but
--   order_id       -> placed_at, customer_email          (a partial dependency: not even 2NF)
--   customer_email -> customer_name                      (transitive through order_id)
--   product_sku    -> product_name, category_name, list_price   (transitive through the key)
-- so one fact lives on many rows. README.md shows what that costs (update, insert, delete anomalies);
-- the tests and the 1.4-2 experiment run the same operations on this table and on schema.sql.
CREATE TABLE order_flat (
    order_id       bigint        NOT NULL,
    line_no        integer       NOT NULL,
    placed_at      timestamptz   NOT NULL,
    customer_email varchar(254)  NOT NULL,
    customer_name  varchar(200)  NOT NULL,
    product_sku    varchar(32)   NOT NULL,
    product_name   varchar(200)  NOT NULL,
    category_name  varchar(100)  NOT NULL,
    list_price     numeric(10,2) NOT NULL,
    quantity       integer       NOT NULL,
    unit_price     numeric(10,2) NOT NULL,
    CONSTRAINT pk_order_flat PRIMARY KEY (order_id, line_no)
);

-- What a designer of this table would add, so that "all rows of one customer" is not a full scan.
CREATE INDEX ix_order_flat_customer ON order_flat (customer_email);
