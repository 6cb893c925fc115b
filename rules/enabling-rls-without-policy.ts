import { defineRule } from '../src/lint/rule';
import { alterCommands, relationName } from '../src/sql/ast';

/** ENABLE ROW LEVEL SECURITY on a table with no CREATE POLICY for it in the migration. */
export default defineRule({
  meta: {
    id: 'enabling-rls-without-policy',
    severity: 'warning',
    work: 'lock',
    summary: 'Enabling row level security without a policy',
    why: "With row level security enabled and no policy, Postgres applies default deny: every role except the table's owner and superusers (and roles with BYPASSRLS) sees zero rows and cannot write any (checked on PostgreSQL 15 and 18). An application that connects as a non-owner role gets empty results, not an error, the moment the migration commits. FORCE ROW LEVEL SECURITY extends the same deny to the owner. The ALTER also takes ACCESS EXCLUSIVE on the table. Reported when the migration creates no policy for the table.",
    fix: "Create the policies in the same migration, before or right after enabling it:\n\n```sql\nCREATE POLICY tenant_isolation ON orders\n  USING (tenant_id = current_setting('app.tenant_id')::bigint);\nALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n```",
    examples: {
      bad: ['ALTER TABLE orders ENABLE ROW LEVEL SECURITY;', 'ALTER TABLE orders FORCE ROW LEVEL SECURITY;'],
      good: [
        "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nCREATE POLICY by_tenant ON orders USING (tenant_id = current_setting('app.tenant')::int);",
        'ALTER TABLE orders DISABLE ROW LEVEL SECURITY;',
      ],
    },
    messages: { noPolicy: '{{what}} ROW LEVEL SECURITY on {{table}} with no CREATE POLICY for it in this migration: every role but the owner{{owner}} sees zero rows' },
  },
  create: ({ report, statements }) => ({
    AlterTableStmt(n) {
      const table = relationName(n.relation);
      if (!table) return;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== 'AT_EnableRowSecurity' && cmd.subtype !== 'AT_ForceRowSecurity') continue;
        const policy = statements.some((s) => s.kind === 'CreatePolicyStmt' && relationName(s.node.table) === table);
        if (policy) continue;
        const force = cmd.subtype === 'AT_ForceRowSecurity';
        report({ messageId: 'noPolicy', data: { what: force ? 'FORCE' : 'ENABLE', table, owner: force ? ' (and, forced, the owner too)' : '' } });
      }
    },
  }),
});
