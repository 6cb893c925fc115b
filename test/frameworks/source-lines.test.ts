// Where a captured statement is reported in its migration's source.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { FRAMEWORKS } from '../../src/frameworks/index';
import { functionLine, locateStatements } from '../../src/frameworks/source-lines';
import { initParser } from '../../src/sql/parse';

before(() => initParser());
const fixture = (p: string) => readFileSync(new URL(`../fixtures/frameworks/${p}`, import.meta.url), 'utf8');

describe('locateStatements', () => {
  it('finds raw SQL where it is written, and DSL calls by the names they share with the SQL', () => {
    const py = fixture('alembic/migrations/versions/0006_nickname.py');
    const { upFunction, downFunction } = FRAMEWORKS.alembic;
    assert.deepEqual(locateStatements(py, ['ALTER TABLE users ADD COLUMN nickname TEXT', 'CREATE INDEX CONCURRENTLY ix_orders_total ON orders (total)'], upFunction, downFunction), [10, 12]);
    assert.deepEqual(locateStatements(py, ['ALTER TABLE users DROP COLUMN nickname'], downFunction, upFunction), [16]);
  });

  it('prefers the call that creates the table over a later reference to it', () => {
    const js = fixture('knex/migrations/20240101000001_create_users.cjs');
    const { upFunction, downFunction } = FRAMEWORKS.knex;
    assert.deepEqual(
      locateStatements(
        js,
        ['create table "users" ("id" serial primary key, "email" text not null)', 'create table "orders" ("id" serial primary key, "user_id" integer, "total" integer)'],
        upFunction,
        downFunction,
      ),
      [2, 6],
    );
  });

  it("Django: the model named by the table's last part (`shop_order` → Order)", () => {
    const py = fixture('django/shop/migrations/0001_initial.py');
    const { upFunction, downFunction } = FRAMEWORKS.django;
    assert.deepEqual(
      locateStatements(
        py,
        [
          'CREATE TABLE "shop_user" ("id" bigserial NOT NULL PRIMARY KEY, "email" text NOT NULL)',
          'CREATE TABLE "shop_order" ("id" bigserial NOT NULL PRIMARY KEY, "user_id" bigint NOT NULL, "total" integer NULL)',
        ],
        upFunction,
        downFunction,
      ),
      [9, 11],
    );
  });

  it("a statement the source does not mention sits on the function's line", () => {
    const rb = fixture('rails/db/migrate/20240101000004_total_to_bigint.rb');
    assert.deepEqual(locateStatements(rb, ['SELECT 1'], FRAMEWORKS.rails.upFunction, FRAMEWORKS.rails.downFunction), [3]);
    assert.equal(functionLine(rb, FRAMEWORKS.rails.downFunction), 7);
  });
});
