// Positions and messages of the SQLite rules (run through the SQLite engine).
import { testRule } from '../rule-tester';

testRule('sqlite-adding-required-column', {
  valid: [{ sql: "ALTER TABLE users ADD COLUMN plan TEXT NOT NULL DEFAULT 'free';" }, { sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY);\nALTER TABLE t ADD COLUMN n INT NOT NULL;' }],
  invalid: [{ sql: 'SELECT 1;\nALTER TABLE users ADD COLUMN plan TEXT NOT NULL;', findings: [{ line: 2, column: 30, message: /ADD COLUMN plan NOT NULL.*users/ }] }],
});

testRule('sqlite-non-constant-default', {
  valid: [{ sql: "ALTER TABLE users ADD COLUMN at TEXT DEFAULT 'x';" }, { sql: 'ALTER TABLE users ADD COLUMN n INT DEFAULT (+3);' }],
  invalid: [{ sql: "ALTER TABLE users\n  ADD COLUMN at TEXT DEFAULT (strftime('%s', 'now'));", findings: [{ line: 2, column: 30, message: /strftime/ }] }],
});

testRule('sqlite-unsupported-alter', {
  valid: [
    { sql: 'ALTER TABLE users DROP COLUMN legacy;', options: { sqliteVersion: '3.35.0' } },
    { sql: 'ALTER TABLE users RENAME COLUMN a TO b;', options: { sqliteVersion: '3.25' } },
    // 3.53 forms on a 3.53 target: the grammar predates them, so skipped-statement says they were not linted.
    { sql: 'ALTER TABLE users ALTER COLUMN name SET NOT NULL;\nALTER TABLE users ADD CHECK (id > 0);', options: { sqliteVersion: '3.53.0' } },
    // An index on another column does not hold this one.
    { sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT);\nCREATE INDEX t_a ON t (a);\nALTER TABLE t DROP COLUMN b;', options: { sqliteVersion: '3.45' } },
  ],
  invalid: [
    { sql: 'ALTER TABLE users DROP COLUMN legacy;', options: { sqliteVersion: '3.34.1' }, findings: [{ line: 1, column: 19, message: /DROP COLUMN needs SQLite 3\.35\.0; the target is 3\.34\.1/ }] },
    { sql: 'ALTER TABLE users RENAME COLUMN a TO b;', options: { sqliteVersion: '3.24' }, findings: [{ line: 1, column: 19, message: /RENAME COLUMN needs SQLite 3\.25\.0/ }] },
    {
      sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE, a TEXT, b INT, c INT REFERENCES p (id), FOREIGN KEY (b) REFERENCES p (id));\nCREATE INDEX t_a ON t (a);\nALTER TABLE t DROP COLUMN email;\nALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN b;\nALTER TABLE t DROP COLUMN id;\nALTER TABLE t DROP COLUMN c;',
      options: { sqliteVersion: '3.45' },
      findings: [
        { line: 3, column: 15, message: /UNIQUE/ },
        { line: 4, column: 15, message: /indexed by t_a/ },
        { line: 5, column: 15, message: /FOREIGN KEY/ },
        { line: 6, column: 15, message: /PRIMARY KEY/ },
      ],
    },
    // Knowledge from an earlier statement of the file is replayed; SQLite compares names without case.
    {
      sql: 'CREATE TABLE "Users" (id INTEGER PRIMARY KEY, Email TEXT);\nCREATE INDEX ix ON users (email);\nALTER TABLE USERS DROP COLUMN EMAIL;',
      options: { sqliteVersion: '3.45' },
      findings: [{ line: 3, column: 19, message: /indexed by ix/ }],
    },
    { sql: 'SELECT 1;\nALTER TABLE users ALTER COLUMN name TYPE TEXT;', findings: [{ line: 2, column: 1, message: /no such form/ }] },
    {
      sql: 'ALTER TABLE users ALTER COLUMN name SET NOT NULL;\nALTER TABLE users ADD CONSTRAINT positive CHECK (id > 0);\nALTER TABLE users DROP CONSTRAINT positive;\nALTER TABLE users ADD CONSTRAINT u UNIQUE (name);',
      options: { sqliteVersion: '3.52' },
      findings: [
        { line: 1, column: 1, message: /needs SQLite 3\.53\.0; the target is 3\.52/ },
        { line: 2, column: 1 },
        { line: 3, column: 1 },
        { line: 4, column: 1, message: /no such form/ },
      ],
    },
  ],
});

testRule('sqlite-rebuild-loses-objects', {
  valid: [
    // Everything re-created after the rename, the CHECK and FK copied into the new table.
    {
      sql: 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY, p INT REFERENCES p (id), n INT CHECK (n > 0));\nCREATE INDEX t_n ON t (n);\nCREATE TRIGGER t_ai AFTER INSERT ON t BEGIN SELECT 1; END;\nCREATE TABLE t_new (id INTEGER PRIMARY KEY, p INT REFERENCES p (id), n INT NOT NULL CHECK (n > 0));\nINSERT INTO t_new SELECT * FROM t;\nDROP TABLE t;\nALTER TABLE t_new RENAME TO t;\nCREATE INDEX t_n ON t (n);\nCREATE TRIGGER t_ai AFTER INSERT ON t BEGIN SELECT 1; END;',
    },
    // A unique constraint in the new table covers the old unique index.
    {
      sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, e TEXT);\nCREATE UNIQUE INDEX t_e ON t (e);\nCREATE TABLE t2 (id INTEGER PRIMARY KEY, e TEXT UNIQUE);\nDROP TABLE t;\nALTER TABLE t2 RENAME TO t;',
    },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY, p INT REFERENCES p (id), n INT CHECK (n > 0));\nCREATE INDEX t_n ON t (n);\nCREATE TRIGGER t_ai AFTER INSERT ON t BEGIN SELECT 1; END;\nCREATE TABLE t_new (id INTEGER PRIMARY KEY, p INT, n INT NOT NULL);\nINSERT INTO t_new SELECT * FROM t;\nDROP TABLE t;\nALTER TABLE t_new RENAME TO t;',
      findings: [{ line: 8, column: 1, message: /index t_n \(n\); trigger t_ai; CHECK \(n > 0\); foreign key REFERENCES p \(id\)/ }],
    },
    // Rename-first: the old table renamed away, the new one created under the name, the old copy dropped.
    {
      sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);\nCREATE INDEX t_n ON t (n);\nALTER TABLE t RENAME TO t_old;\nCREATE TABLE t (id INTEGER PRIMARY KEY, n INT NOT NULL);\nINSERT INTO t SELECT * FROM t_old;\nDROP TABLE t_old;',
      findings: [{ line: 6, column: 1, message: /index t_n/ }],
    },
  ],
});

testRule('sqlite-rebuild-with-foreign-keys', {
  valid: [
    // SQLite's default is off, and the child's plain FK only makes an enforced DROP fail: not reported when unknown.
    { sql: 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p INT REFERENCES p (id));\nDROP TABLE p;' },
    {
      sql: 'PRAGMA foreign_keys = ON;\nCREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p INT REFERENCES p (id) ON DELETE CASCADE);\nPRAGMA foreign_keys = OFF;\nDROP TABLE p;',
    },
    // A plain rename: SQLite rewrites the children's references to the new name, which stays.
    { sql: 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p INT REFERENCES p (id));\nALTER TABLE p RENAME TO parents;' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p INT REFERENCES p (id) ON DELETE CASCADE);\nDROP TABLE p;',
      findings: [{ line: 3, column: 12, message: /possibly ON.*c \(ON DELETE CASCADE\)/ }],
    },
    {
      sql: 'PRAGMA foreign_keys = ON;\nCREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p INT REFERENCES p (id));\nDROP TABLE p;',
      findings: [{ line: 4, column: 12, message: /FOREIGN KEY constraint failed/ }],
    },
    // Inside the tool's transaction the pragma is ignored: the rebuild runs with the connection's setting.
    { sql: 'PRAGMA foreign_keys = OFF;\nSELECT 1;', options: { transactional: true }, findings: [{ line: 1, column: 1, message: /ignored/ }] },
    {
      sql: 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p INT REFERENCES p (id));\nALTER TABLE p RENAME TO p_old;\nCREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO p (id) SELECT id FROM p_old;\nDROP TABLE p_old;',
      findings: [{ line: 3, column: 1, message: /point at p_old/ }],
    },
  ],
});

testRule('sqlite-unsafe-pragma', {
  valid: [{ sql: 'PRAGMA journal_mode = WAL;\nPRAGMA synchronous = NORMAL;' }],
  invalid: [
    {
      sql: 'PRAGMA main.synchronous = 0;\nPRAGMA journal_mode = MEMORY;',
      findings: [
        { line: 1, column: 1, message: /synchronous = 0/ },
        { line: 2, column: 1 },
      ],
    },
  ],
});
