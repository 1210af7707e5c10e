// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'warn',
    },
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
