// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.js', '*.cjs', '*.mjs'] },
  js.configs.recommended,
  // typescript-eslint's full type-aware recommended set (promises never awaited or misused,
  // unsafe `any`, unnecessary assertions, enum comparisons, throwing non-errors, ...).
  ...tseslint.configs.recommendedTypeChecked,
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'warn',
    },
  },
  {
    // The web app (apps/web/src, its own tsconfig for the browser): React's rules of hooks too.
    files: ['apps/web/src/**/*.tsx', 'apps/web/src/**/*.ts'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // The matching engine and the domain rules are pure: no framework, ORM or I/O.
    files: ['libs/matching/src/**/*.ts', 'libs/domain/src/**/*.ts'],
    ignores: ['libs/matching/src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'bullmq',
                'ioredis',
                'fs',
                'node:fs',
                'net',
                'node:net',
                'http',
                'node:http',
              ],
              message: 'libs/matching and libs/domain are pure: no framework, ORM or I/O imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // SQL lives in repositories (libs/core/src/repositories, or a lib's `*.repository.ts`): services,
    // processors and pollers call named repository methods. Scripts, tests, benchmarks and
    // migrations are outside this rule; so is the database admin tool (CREATE/DROP DATABASE).
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/repositories/**', '**/*.repository.ts', 'libs/database/src/admin/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
          message:
            'Raw SQL belongs in a repository (libs/core/src/repositories): call a named repository method.',
        },
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name='createQueryBuilder']",
          message:
            'Query builders belong in a repository (libs/core/src/repositories): call a named repository method.',
        },
      ],
    },
  },
  {
    // Tests read HTTP response bodies (supertest types them `any`) and raw query rows: the
    // no-unsafe-* rules would ask for a cast on every assertion, so they are off in tests only.
    files: ['test/**/*.ts', 'apps/*/test/**/*.ts', '**/*.spec.ts', '**/*-spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: [
      'scripts/**/*.ts',
      'benchmarks/**/*.ts',
      'libs/matching/src/cli/**/*.ts',
      'test/**/*.ts',
      '**/*.spec.ts',
      '**/*-spec.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
