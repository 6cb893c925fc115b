import { defineRule } from '../src/lint/rule';
import { nameOf } from '../src/sql/ast';
import { isNewEnumValue } from '../src/lint/created';

/** ALTER TYPE … RENAME VALUE on an enum label that existed before this migration. */
export default defineRule({
  meta: {
    id: 'renaming-enum-value',
    severity: 'error',
    summary: 'Renaming an enum value that running code writes or compares',
    why: 'Postgres stores enum values by internal id, so existing rows show the new label immediately; but every query, ORM mapping or function body that spells the old label breaks at once: writes fail with `invalid input value for enum mood: "old"` and comparisons like `WHERE status = \'old\'` raise the same error. There is no deploy order in which old and new application code both work. Values added, and types created, earlier in the same migration are not flagged.',
    fix: "Expand/contract: add the new label, teach the application to accept both, move the rows over in batches, and stop writing the old label. Postgres cannot drop an enum value, so the old label stays (unused) unless you later rebuild the type:\n\n```sql\n-- migration 1 (ADD VALUE must commit before the new label can be used)\nALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled' AFTER 'canceled';\n\n-- release: application accepts both labels, writes 'cancelled'\n\n-- migration 2, in batches:\nUPDATE orders SET status = 'cancelled' WHERE status = 'canceled' AND id BETWEEN 1 AND 10000;\n```",
    examples: {
      bad: ["ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';", "ALTER TYPE app.mood RENAME VALUE 'ok' TO 'fine';"],
      good: [
        "ALTER TYPE order_status ADD VALUE 'cancelled';",
        "CREATE TYPE mood AS ENUM ('ok', 'sad'); ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';",
        "ALTER TYPE order_status ADD VALUE 'shiped'; ALTER TYPE order_status RENAME VALUE 'shiped' TO 'shipped';",
        'ALTER TYPE order_status RENAME TO order_state;',
      ],
    },
  },
  create: ({ report }) => ({
    AlterEnumStmt(n, _statement, ctx) {
      if (n.oldVal == null) return;
      const type = nameOf(n.typeName);
      if (isNewEnumValue(ctx, type, n.oldVal)) return;
      report({
        message: `Enum ${type} value '${n.oldVal}' is renamed to '${n.newVal}': code that writes or compares '${n.oldVal}' fails with "invalid input value for enum" as soon as this commits.`,
      });
    },
  }),
});
