// verify.setup (SQL run once before the first migration) and verify.templateVars
// (values for template placeholders) on real SQL, PGlite and a native server: a
// templated history that needs a schema it does not create verifies to the end
// with them, and fails (as before) without.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config-file';
import { fillPlaceholders, placeholderName } from '../../src/sql/placeholders';
import { run } from '../../src/run';
import { cli, tempTree } from '../cli-helpers';
import { localUnavailable } from './helpers';

// supabase-auth's shape: every file a Go template over a schema the platform creates.
const TEMPLATED = {
  '00_init.up.sql': 'CREATE TABLE {{ index .Options "Namespace" }}.users (id bigint PRIMARY KEY, email text);\n',
  '20240101000000_add_name.up.sql': 'ALTER TABLE {{index .Options "Namespace" }}.users ADD COLUMN name text;\nGRANT SELECT ON {{ index .Options "Namespace" }}.users TO ${READER};\n',
};
const CONFIG = 'verify:\n  setup: |\n    CREATE SCHEMA auth;\n    CREATE ROLE app_reader NOLOGIN;\n  templateVars:\n    Namespace: auth\n    READER: app_reader\n';

test('placeholders are named by their last word or string, and filled by name or whole text', () => {
  assert.equal(placeholderName('{{ index .Options "Namespace" }}'), 'Namespace');
  assert.equal(placeholderName('${SCHEMA}'), 'SCHEMA');
  assert.equal(placeholderName('{{ .Schema }}'), 'Schema');
  const r = fillPlaceholders('SELECT {{ .A }}, {{ .B }}, ${C};', { A: '1', '{{ .B }}': '2' });
  assert.equal(r.text, 'SELECT 1, 2, ${C};');
  assert.deepEqual(r.missing, ['${C}']);
  assert.throws(() => parseConfig('verify:\n  templateVars:\n    A: "x\\ny"\n', { file: '/r/.migration-guard.yml' }), /:3: verify\.templateVars: A: a value must be one line/);
  assert.throws(() => parseConfig('verify:\n  setup: 42\n', { file: '/r/.migration-guard.yml' }), /:2: verify\.setup: expected SQL text/);
});

for (const database of ['pglite', 'local'] as const) {
  const skip = database === 'local' ? localUnavailable() : undefined;

  test(`a templated history that assumes a schema and a role verifies to the end with setup and templateVars (${database})`, { skip }, async () => {
    const without = await run({ command: 'verify', paths: ['.'], cwd: tempTree(TEMPLATED), overrides: { verify: { database } } });
    assert.equal(without.verification!.migrations[0]!.up.ok, false, 'the raw template is not SQL');

    const dir = tempTree({ ...TEMPLATED, '.migration-guard.yml': CONFIG });
    const report = await run({ command: 'verify', paths: ['.'], cwd: dir, overrides: { verify: { database } } });
    const results = report.verification!.migrations.map((m) => [m.id, m.up.ok, m.up.error]);
    assert.deepEqual(results, [
      ['00_init', true, null],
      ['20240101000000_add_name', true, null],
    ]);
    assert.deepEqual(
      report.findings.filter((f) => f.rule === 'up-failing'),
      [],
    );
  });
}

test('a setup that fails is exit 2 naming verify.setup', () => {
  const dir = tempTree({ ...TEMPLATED, '.migration-guard.yml': 'verify:\n  setup: CREATE SCHEMA;\n' });
  const r = cli(['verify', '.', '-q'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /verify\.setup failed on pglite: syntax error at or near ";"\. Fix the setup SQL in \.migration-guard\.yml/);
});
