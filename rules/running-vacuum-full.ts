import { defineRule } from '../src/lint/rule';
import { as, option, relationName } from '../src/sql/ast';

/** VACUUM FULL rewrites each table under ACCESS EXCLUSIVE. */
export default defineRule({
  meta: {
    id: 'running-vacuum-full',
    severity: 'error',
    work: 'rewrite',
    summary: 'Running VACUUM FULL in a migration',
    why: 'VACUUM FULL writes a complete new copy of each table and its indexes while holding ACCESS EXCLUSIVE: the table can be neither read nor written until it finishes, and it needs free disk space for the copy. Without a table list it does this to every table in the database. It cannot run inside a transaction block either, so it breaks transactional migrations.',
    fix: 'Do not reclaim space in a migration. Plain VACUUM (no FULL) runs alongside reads and writes; to shrink a bloated table online, use an extension such as pg_repack or pg_squeeze, run by an operator outside the deploy:\n\n```sql\nVACUUM (ANALYZE) orders;   -- online, does not return space to the OS\n-- shell: pg_repack --table=orders mydb\n```',
    examples: {
      bad: ['VACUUM FULL orders;', 'VACUUM (FULL, ANALYZE);', 'VACUUM (FULL true, VERBOSE) orders, customers;'],
      good: ['VACUUM orders;', 'VACUUM (ANALYZE) orders;', 'VACUUM (FULL false) orders;', 'CREATE TABLE scratch (id int); VACUUM FULL scratch;'],
    },
  },
  create: ({ report }) => ({
    VacuumStmt(n, statement, ctx) {
      if (n.is_vacuumcmd === false) return;
      const full = option(n.options, 'full');
      if (!full) return;
      const value = full === true ? 'true' : String(as(full, 'String')?.sval ?? as(full, 'Boolean')?.boolval ?? as(full, 'Integer')?.ival ?? 'true').toLowerCase();
      if (['false', 'off', '0', 'no'].includes(value)) return;
      const tables = (n.rels ?? []).map((r) => relationName(as(r, 'VacuumRelation')?.relation)).filter(Boolean) as string[];
      if (tables.length > 0 && tables.every((t) => ctx.isNew(t))) return;
      report({
        message: tables.length
          ? `VACUUM FULL rewrites ${tables.filter((t) => !ctx.isNew(t)).join(', ')} under ACCESS EXCLUSIVE: no reads or writes until it finishes.`
          : 'VACUUM FULL without a table list rewrites every table in the database under ACCESS EXCLUSIVE, one after another.',
      });
    },
  }),
});
