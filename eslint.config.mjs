// ESLint (typescript-eslint, type-checked) over the shipped code: src/ and rules/.
// Exceptions are justified where they are made (eslint-disable comments say why).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**', '.tmp/**', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
);
