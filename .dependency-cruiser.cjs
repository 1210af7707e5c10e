// Layer rules, checked in CI by `npm run deps:check` (dependency-cruiser). See docs/ARCHITECTURE.md.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'apps-not-into-each-other',
      comment:
        'apps/api and apps/worker are adapters over libs/; apps/web is the browser app (it knows the API only through docs/openapi.json). None imports another.',
      severity: 'error',
      // The browser tests drive the whole product: the API and the worker in their process.
      from: { path: '^apps/(api|worker|web)/', pathNot: '^apps/web/test/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-not-into-apps',
      comment: 'Libraries never import an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'pure-libs-no-framework-or-io',
      comment:
        'libs/matching and libs/domain are pure: no framework, ORM, queue or I/O (the CLI of the solver is its adapter).',
      severity: 'error',
      from: { path: '^libs/(matching|domain)/', pathNot: '^libs/matching/src/cli/' },
      to: {
        path: [
          '^node_modules/(@nestjs|typeorm|pg|bullmq|ioredis|nodemailer|class-validator|class-transformer|pino)',
          '^(fs|net|http|https|child_process|dgram|tls|dns)$',
          '^node:(fs|net|http|https|child_process|dgram|tls|dns)',
        ],
      },
    },
    {
      name: 'pure-libs-only-pure-libs',
      comment: 'A pure lib may import only the other pure lib (and itself).',
      severity: 'error',
      from: { path: '^libs/(matching|domain)/', pathNot: '^libs/matching/src/cli/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/(matching|domain)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, except between TypeORM entities (relation pairs need each other).',
      severity: 'error',
      from: { pathNot: '^libs/database/src/entities/[^/]+[.]entity[.]ts$' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
