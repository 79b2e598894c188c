import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Plain Node scripts (CI helpers, the CLI entry).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The domain is pure: no I/O, database, HTTP or UI imports (docs/architecture.md).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'crypto'], message: 'src/domain is pure TypeScript without I/O.' },
            {
              group: ['kysely', 'pg', '@electric-sql/*', 'fastify', '@fastify/*', 'react', 'react-*'],
              message: 'src/domain must not depend on adapters.',
            },
            {
              group: ['**/db/**', '**/server/**', '**/web/**', '**/use-cases/**', '**/adapters/**', '**/cli/**'],
              message: 'Dependencies point inward.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['kysely', 'pg', '@electric-sql/*', 'fastify', '@fastify/*', 'react'],
              message: 'Use cases depend on ports, not adapters.',
            },
            {
              group: ['**/db/**', '**/server/**', '**/web/**', '**/adapters/**', '**/cli/**'],
              message: 'Dependencies point inward.',
            },
          ],
        },
      ],
    },
  },
);
