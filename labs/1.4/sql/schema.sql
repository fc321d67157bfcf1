-- The online shop in third normal form (PostgreSQL 15+).
-- Every fact is stored once, in the table whose key it depends on; README.md lists the functional
-- dependencies of each table and why it is in 3NF. Constraint names are explicit because the
-- application maps them to domain errors (Crud/ConstraintViolations.cs), and the EF Core migration
-- (src/Crud/EfCore/Migrations) builds exactly this schema (checked by a test).

-- A category of products, e.g. "Books".
CREATE TABLE category (
    category_id bigint       GENERATED ALWAYS AS IDENTITY,
    name        varchar(100) NOT NULL,
    CONSTRAINT pk_category PRIMARY KEY (category_id),
    CONSTRAINT uq_category_name UNIQUE (name)
);

-- A customer, known by an e-mail address (the natural key) and a surrogate id (what others reference).
CREATE TABLE customer (
    customer_id bigint       GENERATED ALWAYS AS IDENTITY,
    email       varchar(254) NOT NULL,
    full_name   varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_customer PRIMARY KEY (customer_id),
    CONSTRAINT uq_customer_email UNIQUE (email),
    CONSTRAINT ck_customer_email CHECK (position('@' IN email) > 1)
);

-- A product for sale: its current list price and how many are in stock.
CREATE TABLE product (
    product_id  bigint        GENERATED ALWAYS AS IDENTITY,
    sku         varchar(32)   NOT NULL,
    name        varchar(200)  NOT NULL,
    category_id bigint        NOT NULL,
    unit_price  numeric(10,2) NOT NULL,
    stock       integer       NOT NULL,
    CONSTRAINT pk_product PRIMARY KEY (product_id),
    CONSTRAINT uq_product_sku UNIQUE (sku),
    CONSTRAINT fk_product_category FOREIGN KEY (category_id) REFERENCES category (category_id) ON DELETE RESTRICT,
    CONSTRAINT ck_product_price CHECK (unit_price > 0),
    CONSTRAINT ck_product_stock CHECK (stock >= 0)
);
CREATE INDEX ix_product_category ON product (category_id);

-- An order ("order" is a reserved word): who placed it and when.
CREATE TABLE purchase_order (
    order_id    bigint      GENERATED ALWAYS AS IDENTITY,
    customer_id bigint      NOT NULL,
    placed_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_purchase_order PRIMARY KEY (order_id),
    CONSTRAINT fk_purchase_order_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id) ON DELETE RESTRICT
);
CREATE INDEX ix_purchase_order_customer ON purchase_order (customer_id);

-- One line of an order. unit_price is the price agreed when the order was placed: a fact about
-- the line (it must not change when the product's list price does), not a copy of product.unit_price.
CREATE TABLE order_line (
    order_id   bigint        NOT NULL,
    line_no    integer       NOT NULL,
    product_id bigint        NOT NULL,
    quantity   integer       NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    CONSTRAINT pk_order_line PRIMARY KEY (order_id, line_no),
    CONSTRAINT uq_order_line_product UNIQUE (order_id, product_id),
    CONSTRAINT fk_order_line_order FOREIGN KEY (order_id) REFERENCES purchase_order (order_id) ON DELETE CASCADE,
    CONSTRAINT fk_order_line_product FOREIGN KEY (product_id) REFERENCES product (product_id) ON DELETE RESTRICT,
    CONSTRAINT ck_order_line_quantity CHECK (quantity > 0),
    CONSTRAINT ck_order_line_price CHECK (unit_price >= 0)
);
CREATE INDEX ix_order_line_product ON order_line (product_id);
