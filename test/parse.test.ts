// Parsing: statement splitting and exact 1-based ranges whatever the bytes
// (multi-byte text, CRLF, BOM), surviving bad input (syntax errors, unterminated
// quotes, psql meta-commands, template placeholders), and embedded statements
// from DO blocks and function bodies.
import { nodeOf } from '../src/sql/ast';
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { initParser, parseSql } from '../src/sql/parse';
import { literalString } from '../src/sql/embedded';
import { substitutePlaceholders } from '../src/sql/placeholders';
import type { Range } from '../src/types';

before(() => initParser());

const parse = (text: string, firstLine = 1) => parseSql({ file: 'm.sql', text, firstLine });
const at = (r: Range) => `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
/** Where `needle` starts in `text` as 1-based line:column (columns in code points). */
function locate(text: string, needle: string, from = 0): string {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `${needle} not in text`);
  const before = text.slice(0, i).split(/\r\n|\r|\n/);
  return `${before.length}:${[...before[before.length - 1]!].length + 1}`;
}
const start = (r: Range) => `${r.line}:${r.column}`;

test('multi-byte text (Cyrillic comments, emoji) keeps exact lines and columns', () => {
  const text = "-- Миграция: добавить колонку 🎉\nSELECT 'привет 🎉'; ALTER TABLE users ADD COLUMN bio text;\n/* ещё 🙂 */ DROP TABLE old;\n";
  const r = parse(text);
  assert.deepEqual(
    r.statements.map((s) => s.kind),
    ['SelectStmt', 'AlterTableStmt', 'DropStmt'],
  );
  assert.equal(at(r.statements[0]!.range), '2:1-2:18');
  assert.equal(start(r.statements[1]!.range), locate(text, 'ALTER'));
  assert.equal(at(r.statements[1]!.range), '2:20-2:57');
  assert.equal(start(r.statements[2]!.range), locate(text, 'DROP'));
  assert.equal(r.statements[2]!.sql, 'DROP TABLE old');
  assert.deepEqual(r.statements[2]!.leadingComments, ['/* ещё 🙂 */']);
});

test('CRLF line ends', () => {
  const text = 'SELECT 1;\r\n\r\nALTER TABLE users\r\n  ADD COLUMN bio text;\r\nSELECT 2;\r\n';
  const r = parse(text);
  assert.deepEqual(
    r.statements.map((s) => at(s.range)),
    ['1:1-1:9', '3:1-4:22', '5:1-5:9'],
  );
});

test('a UTF-8 BOM does not shift the first line', () => {
  const r = parse('\uFEFFCREATE TABLE t (id int);\nDROP TABLE t;');
  assert.deepEqual(
    r.statements.map((s) => at(s.range)),
    ['1:1-1:24', '2:1-2:13'],
  );
});

test('firstLine offsets every range (sections of a larger file)', () => {
  const r = parse('SELECT 1;\nSELECT 2;', 40);
  assert.deepEqual(
    r.statements.map((s) => s.range.line),
    [40, 41],
  );
});

test('dollar-quoted bodies with semicolons and nested block comments do not split statements', () => {
  const text = [
    'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $body$',
    'BEGIN',
    "  RAISE NOTICE 'a; b';",
    '  PERFORM 1; -- ; here',
    'END',
    '$body$;',
    '/* outer /* inner ; */ still comment ; */',
    'SELECT $$ x ; y $$, $tag$ $$ ; $tag$;',
    'SELECT 3;',
  ].join('\n');
  const top = parse(text).statements.filter((s) => !s.embedded);
  assert.deepEqual(
    top.map((s) => s.kind),
    ['CreateFunctionStmt', 'SelectStmt', 'SelectStmt'],
  );
  assert.deepEqual(
    top.map((s) => at(s.range)),
    ['1:1-6:7', '8:1-8:37', '9:1-9:9'],
  );
  assert.deepEqual(parse(text).problems, []);
});

test('BEGIN ATOMIC bodies keep their semicolons (and CASE … END) inside one statement', () => {
  const text = ['CREATE FUNCTION total(a int) RETURNS int LANGUAGE sql', 'BEGIN ATOMIC', '  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;', '  SELECT 2;', 'END;', 'SELECT 3;'].join('\n');
  const r = parse(text);
  const top = r.statements.filter((s) => !s.embedded);
  assert.deepEqual(
    top.map((s) => `${s.kind} ${at(s.range)}`),
    ['CreateFunctionStmt 1:1-5:4', 'SelectStmt 6:1-6:9'],
  );
  const inner = r.statements.filter((s) => s.embedded);
  assert.deepEqual(
    inner.map((s) => start(s.range)),
    ['3:3', '4:3'],
  );
  assert.ok(inner.every((s) => s.embedded?.in === 'function'));
});

test('CREATE RULE with several actions in parentheses is one statement (as psql sends it)', () => {
  const text = 'CREATE RULE r AS ON INSERT TO a DO ALSO (\n  INSERT INTO b VALUES (1);\n  INSERT INTO c VALUES (2)\n);\nSELECT (1);';
  const r = parse(text);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.statements.map((s) => `${s.kind} ${at(s.range)}`),
    ['RuleStmt 1:1-4:2', 'SelectStmt 5:1-5:11'],
  );
});

test('a syntax error is reported at its line and the other statements are still parsed', () => {
  const text = 'CREATE TABLE a (id int);\nALTER TABEL a ADD COLUMN b int;\nCREATE TABLE c (id int);';
  const r = parse(text);
  assert.deepEqual(
    r.statements.map((s) => s.range.line),
    [1, 3],
  );
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.kind, 'syntax-error');
  assert.match(r.problems[0]!.message, /syntax error at or near "TABEL"/);
  assert.equal(start(r.problems[0]!.range), '2:7');
});

test('a syntax error after multi-byte text points at the right column', () => {
  // Postgres counts the error cursor in characters, token locations in bytes.
  const text = "SELECT 'ä🎉';\nSELECT 'ö🎉' FORM t;\nSELECT 'й' FROM WHERE;";
  const r = parse(text);
  assert.deepEqual(
    r.problems.map((p) => start(p.range)),
    [locate(text, 't;'), locate(text, 'WHERE')],
  );
});

test('an unterminated quote: statements before it are parsed, the error is at the quote', () => {
  const text = "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES ('oops);\nSELECT 1;\nSELECT 2;";
  const r = parse(text);
  assert.deepEqual(
    r.statements.map((s) => s.kind),
    ['CreateStmt', 'InsertStmt'],
  );
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.kind, 'syntax-error');
  assert.equal(start(r.problems[0]!.range), locate(text, "'oops"));
  assert.match(r.problems[0]!.message, /unterminated quoted string \(lines 3–5 were not linted\)/);
  // the broken tail is still a span, so an ignore comment before it has a target
  assert.equal(r.spans.at(-1)!.line, 3);
});

test('unterminated dollar quote, quoted identifier and block comment', () => {
  for (const [text, what, line] of [
    ['SELECT 1;\nDO $$ BEGIN\nPERFORM 1;', 'unterminated dollar-quoted string', 2],
    ['SELECT 1;\nSELECT "abc FROM t;', 'unterminated quoted identifier', 2],
    ['SELECT 1;\nSELECT 2;\n/* never /* closed */', 'unterminated /* comment', 3],
    ["SELECT 1;\nSELECT E'it\\'s;\nSELECT 2;", 'unterminated quoted string', 2],
  ] as const) {
    const r = parse(text);
    assert.ok(r.statements.length >= 1, text);
    assert.equal(r.statements[0]!.kind, 'SelectStmt');
    assert.equal(r.problems[0]?.kind, 'syntax-error', text);
    assert.ok(r.problems[0]!.message.startsWith(what), r.problems[0]!.message);
    assert.equal(r.problems[0]!.range.line, line, text);
  }
});

test("an E'' string with an escaped quote is not unterminated", () => {
  const r = parse("SELECT E'it\\'s; fine';\nSELECT 2;");
  assert.deepEqual(r.problems, []);
  assert.equal(r.statements.length, 2);
});

test('psql meta-commands are skipped with a problem at their line, even with a stray quote', () => {
  const text = "\\set ON_ERROR_STOP on\nCREATE TABLE a (id int);\n  \\echo it's done\n\\i other.sql\n\\connect app\nSELECT 1;";
  const r = parse(text);
  assert.deepEqual(
    r.statements.map((s) => `${s.kind} ${s.range.line}`),
    ['CreateStmt 2', 'SelectStmt 6'],
  );
  assert.deepEqual(
    r.problems.map((p) => `${p.kind} ${start(p.range)}`),
    ['meta-command 1:1', 'meta-command 3:3', 'meta-command 4:1', 'meta-command 5:1'],
  );
  assert.match(r.problems[2]!.message, /not linted/);
});

test('psql variables defined with \\set are interpolated like placeholders (:name, :\'name\', :"name"); casts are left alone', () => {
  const text =
    "\\set schema app\n\\set owner 'admin'\nCREATE TABLE :\"schema\".users (id int, at timestamptz DEFAULT now()::timestamptz);\nALTER TABLE :schema.users OWNER TO :owner;\nCOMMENT ON TABLE :schema.users IS :'owner';\nSELECT '1:schema', a[1:2] FROM t;";
  const r = parse(text);
  assert.deepEqual(
    r.problems.map((p) => `${p.kind} ${p.range.line}`),
    ['placeholder 3', 'meta-command 1', 'meta-command 2'],
  );
  assert.match(r.problems[0]!.message, /:"schema", :schema \(2×\), :owner, :'owner'/);
  assert.deepEqual(
    r.statements.map((s) => `${s.kind} ${s.range.line}`),
    ['CreateStmt 3', 'AlterTableStmt 4', 'CommentStmt 5', 'SelectStmt 6'],
  );
  assert.equal(nodeOf(r.statements[0]!, 'CreateStmt')?.relation?.relname, 'users');
});

test('a backslash inside a string is not a meta-command', () => {
  const r = parse("SELECT '\n\\not a command';\nSELECT E'\\n';");
  assert.deepEqual(r.problems, []);
  assert.equal(r.statements.length, 2);
});

test('COPY … FROM stdin data is skipped up to \\.', () => {
  const text = "COPY t (a, b) FROM stdin;\n1\tit's\n2\tx;y\n\\.\nSELECT 1;";
  const r = parse(text);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.statements.map((s) => `${s.kind} ${s.range.line}`),
    ['CopyStmt 1', 'SelectStmt 5'],
  );
});

test('template placeholders become same-length identifiers: positions hold, one problem per file', () => {
  const text =
    'CREATE TABLE {{ index .Options "Namespace" }}.users (id int);\nALTER TABLE ${schema}.users ADD COLUMN bio text;\nALTER TABLE {{index .Options "Namespace" }}.users ADD COLUMN x int;\nDROP TABLE {{.Prefix}}_old;';
  const r = parse(text);
  assert.deepEqual(
    r.statements.map((s) => s.kind),
    ['CreateStmt', 'AlterTableStmt', 'AlterTableStmt', 'DropStmt'],
  );
  assert.deepEqual(
    r.statements.map((s) => at(s.range)),
    ['1:1-1:61', '2:1-2:48', '3:1-3:67', '4:1-4:27'],
  );
  assert.equal(nodeOf(r.statements[1]!, 'AlterTableStmt')?.relation?.relname, 'users');
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.kind, 'placeholder');
  assert.match(r.problems[0]!.message, /\{\{ index \.Options "Namespace" \}\}/);
  assert.match(r.problems[0]!.message, /\$\{schema\}/);
  assert.equal(start(r.problems[0]!.range), '1:14');
});

test('a statement that does not parse after substitution is skipped as a placeholder, not a syntax error', () => {
  const r = parse('{{ if .Partitioned }} CREATE TABLE a (id int) {{ end }};\nCREATE TABLE b (id int);');
  assert.deepEqual(
    r.statements.map((s) => s.range.line),
    [2],
  );
  assert.deepEqual(
    r.problems.map((p) => p.kind),
    ['placeholder', 'placeholder'],
  );
  assert.match(r.problems[1]!.message, /statement skipped/);
});

test('array literals are not placeholders', () => {
  assert.deepEqual(substitutePlaceholders("SELECT '{{1,2},{3,4}}'::int[], '{{a,b},{c,d}}'::text[], '{{a}}'::text[]").placeholders, []);
  assert.deepEqual(
    substitutePlaceholders('x {{ .A }} {{.B}} ${c} {{- d -}} {% if x %}').placeholders.map((p) => p.text),
    ['{{ .A }}', '{{.B}}', '${c}', '{{- d -}}', '{% if x %}'],
  );
});

test('DO blocks: plain SQL and literal EXECUTE strings become embedded statements at their true lines', () => {
  const text = [
    'SELECT 1;',
    'DO $$',
    'DECLARE n int; -- комментарий 🎉',
    'BEGIN',
    '  IF NOT EXISTS (SELECT 1 FROM pg_class) THEN',
    '    ALTER TABLE users',
    '      ADD COLUMN bio text;',
    '  END IF;',
    "  EXECUTE 'CREATE INDEX users_bio_idx ON users (bio)';",
    "  EXECUTE 'DROP TABLE ' || 'old_users';",
    "  EXECUTE format('DROP TABLE %I', 'x');",
    '  SELECT count(*) INTO n FROM users;',
    '  PERFORM pg_sleep(0);',
    'END $$;',
  ].join('\n');
  const r = parse(text);
  const inner = r.statements.filter((s) => s.embedded);
  assert.deepEqual(
    inner.map((s) => `${s.kind} ${start(s.range)} ${s.embedded!.dynamic}`),
    ['AlterTableStmt 6:5 false', 'IndexStmt 9:11 true', 'DropStmt 10:11 true', 'SelectStmt 12:3 false', 'SelectStmt 13:3 false'],
  );
  assert.equal(at(inner[0]!.range), '6:5-7:26');
  assert.equal(inner[1]!.sql, 'CREATE INDEX users_bio_idx ON users (bio)');
  assert.equal(inner[2]!.sql, 'DROP TABLE old_users');
  assert.ok(inner.every((s) => s.embedded!.in === 'do'));
  // the INTO target is not a new table
  assert.equal(nodeOf(inner[3]!, 'SelectStmt')?.intoClause, undefined);
  // the DO statement comes first, its inner statements right after it
  assert.deepEqual(r.statements.map((s) => s.kind).slice(0, 2), ['SelectStmt', 'DoStmt']);
});

test("function bodies: PL/pgSQL (with %TYPE), LANGUAGE sql in '' quotes with doubled quotes", () => {
  const text = [
    'CREATE FUNCTION touch(my_id users.id%TYPE) RETURNS void AS $$',
    'DECLARE v users.name%TYPE;',
    'BEGIN',
    '  UPDATE users SET touched = now() WHERE id = my_id;',
    'END',
    '$$ LANGUAGE plpgsql;',
    "CREATE FUNCTION tag() RETURNS void LANGUAGE sql AS 'UPDATE users SET tag = ''x''; DELETE FROM tags';",
  ].join('\n');
  const r = parse(text);
  assert.deepEqual(r.problems, []);
  const inner = r.statements.filter((s) => s.embedded);
  assert.deepEqual(
    inner.map((s) => `${s.kind} ${start(s.range)} ${s.embedded!.in}`),
    ['UpdateStmt 4:3 function', `UpdateStmt ${locate(text, 'UPDATE users SET tag')} function`, `DeleteStmt ${locate(text, 'DELETE')} function`],
  );
  assert.equal(inner[1]!.sql, "UPDATE users SET tag = 'x'");
  assert.equal(start(inner[2]!.range), locate(text, 'DELETE'));
});

test('a syntax error in a LANGUAGE sql body is reported at its line (Postgres checks it at CREATE)', () => {
  const text = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n  SELECT 1;\n  SELEC 2;\n$$;';
  const r = parse(text);
  assert.equal(r.problems.length, 1);
  assert.equal(start(r.problems[0]!.range), '3:3');
});

test('comments come from the scanner: ignore-like text in strings or bodies is not a comment', () => {
  const text = "-- real\nSELECT '-- not a comment', $$ /* nor this */ $$; /* real too */";
  assert.deepEqual(
    parse(text).comments.map((c) => `${c.text} ${start(c.range)}`),
    ['-- real 1:1', '/* real too */ 2:50'],
  );
});

test('literalString folds literals and ||, and refuses anything else', () => {
  assert.equal(literalString("'ALTER TABLE t ' || 'ADD COLUMN x int'"), 'ALTER TABLE t ADD COLUMN x int');
  assert.equal(literalString("'it''s'"), "it's");
  assert.equal(literalString("'a' || v"), undefined);
  assert.equal(literalString("format('%I', x)"), undefined);
});

test('empty and comment-only files', () => {
  for (const text of ['', '   \n', '-- only a comment\n', ';;', '/* c */;']) {
    const r = parse(text);
    assert.deepEqual(r.statements, []);
    assert.deepEqual(r.problems, []);
  }
});

const corpus = new URL('../../shared/corpus/', import.meta.url);
test('the supabase-auth corpus (Go templates in every file) parses with no syntax error', { skip: !existsSync(corpus) && 'no ../shared/corpus' }, () => {
  const dir = new URL('supabase-auth/', corpus);
  let statements = 0;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    const r = parseSql({ file: name, text: readFileSync(new URL(name, dir), 'utf8'), firstLine: 1 });
    assert.deepEqual(
      r.problems.filter((p) => p.kind === 'syntax-error'),
      [],
      name,
    );
    statements += r.statements.length;
  }
  assert.ok(statements > 250, `only ${statements} statements`);
});

/** String index of a 1-based line and code-point column in `text` (lines end at \r\n, \r or \n). */
function indexOf(text: string, line: number, column: number): number {
  let i = 0;
  for (let l = 1; l < line; l++) {
    const m = /\r\n|\r|\n/g;
    m.lastIndex = i;
    const hit = m.exec(text);
    if (!hit) return text.length;
    i = hit.index + hit[0].length;
  }
  for (let c = 1; c < column; c++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

test('property: any mix of SQL, quotes, comments, meta-commands and non-ASCII text never throws, and every range slices back to its statement', async () => {
  const fc = (await import('fast-check')).default;
  const fragments = [
    'SELECT 1',
    'ALTER TABLE users ADD COLUMN bio text',
    "'a;b'",
    "'it''s'",
    '$$ x; y $$',
    '$t$ $$ ; $t$',
    '"Quoted;Name"',
    '-- note; ',
    '/* a /* b; */ c */',
    ';',
    ';',
    ';',
    '\n',
    '\r\n',
    ' ',
    'привет',
    '🎉',
    "'🎉;'",
    '\\set x 1\n',
    "E'\\'; '",
    'DO $$ BEGIN UPDATE t SET a = 1; END $$',
    '(',
    ')',
    "'",
    '"',
    '$$',
    '/*',
    '{{ .X }}',
    '${y}',
    'BEGIN ATOMIC SELECT 1; END',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const r = parseSql({ file: 'f.sql', text, firstLine: 1 });
      const lineCount = text.split(/\r\n|\r|\n/).length;
      for (const p of r.problems) assert.ok(p.range.line >= 1 && p.range.line <= lineCount, `problem outside the file: ${JSON.stringify(p)}`);
      for (const s of r.statements) {
        assert.ok(s.range.line <= s.range.endLine && s.range.endLine <= lineCount);
        if (s.embedded || text.includes('{{') || text.includes('${')) continue;
        const a = indexOf(text, s.range.line, s.range.column);
        const b = indexOf(text, s.range.endLine, s.range.endColumn);
        assert.equal(text.slice(a, b), s.sql, `range of ${JSON.stringify(s.sql)} in ${JSON.stringify(text)}`);
      }
    }),
    { numRuns: 400 },
  );
});

test('every statement of the corpus slices back to its text from its range', { skip: !existsSync(corpus) && 'no ../shared/corpus' }, () => {
  let checked = 0;
  const walk = (dir: URL): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(new URL(`${e.name}/`, dir));
      else if (e.name.endsWith('.sql')) {
        const text = readFileSync(new URL(e.name, dir), 'utf8');
        if (text.includes('{{')) continue;
        for (const s of parseSql({ file: e.name, text, firstLine: 1 }).statements) {
          if (s.embedded) continue;
          assert.equal(text.slice(indexOf(text, s.range.line, s.range.column), indexOf(text, s.range.endLine, s.range.endColumn)), s.sql, e.name);
          checked++;
        }
      }
    }
  };
  walk(corpus);
  assert.ok(checked > 3000, `${checked}`);
});
