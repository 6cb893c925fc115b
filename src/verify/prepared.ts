// Catalog queries verify runs several times per migration, prepared once per
// session: on PGlite planning them costs more than running them. A session that
// cannot prepare (a pooler) or lost the statement (DEALLOCATE ALL in a migration)
// falls back to the plain query.

import type { Database } from './databases/types';

const prepared = new WeakMap<Database, Set<string>>();

/**
 * Run `sql` (with `$1`… placeholders bound to `args`, given as SQL literals) as the
 * prepared statement `name`. Args are inlined in EXECUTE because the simple
 * protocol has no parameters; callers pass only numbers and quoted literals.
 */
export async function queryPrepared<T>(db: Database, name: string, sql: string, args: string[] = [], types: string[] = []): Promise<T[]> {
  let names = prepared.get(db);
  if (!names) prepared.set(db, (names = new Set()));
  const plain = async () => (await db.query<T>(sql.replace(/\$(\d+)/g, (_, i: string) => `(${args[Number(i) - 1]})`))).rows;
  if (!names.has(name)) {
    try {
      await db.exec(`PREPARE ${name}${types.length ? `(${types.join(', ')})` : ''} AS ${sql}`);
      names.add(name);
    } catch (err) {
      if ((err as { code?: string }).code === '42P05')
        names.add(name); // already prepared on this session
      else return plain();
    }
  }
  try {
    return (await db.query<T>(`EXECUTE ${name}${args.length ? `(${args.join(', ')})` : ''}`)).rows;
  } catch (err) {
    if ((err as { code?: string }).code !== '26000') throw err; // 26000: prepared statement does not exist
    names.delete(name);
    return plain();
  }
}
