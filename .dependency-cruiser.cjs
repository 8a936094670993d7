/* global module */
/**
 * Which way the layers point (issue #16, point 4):
 *
 *   src/domain  ←  src/store, src/messaging, src/texts, …  ←  handlers/  ←  scheduler/  ←  composition root
 *
 * The composition root is src/main.ts and src/app/. It is the only part of src/ that
 * may import from handlers/ or scheduler/ (type-only imports included). Platforms,
 * http and observability depend on interfaces that live in src/ (src/ports/).
 * The scheduler may use the handlers' services; handlers never import the scheduler.
 * No cycles, type-only ones included. `npm run deps` runs this in `pretest`.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports nothing outside src/domain (npm packages and node: built-ins are fine).',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'src-not-to-handlers-or-scheduler',
      severity: 'error',
      comment: 'Only the composition root (src/main.ts, src/app/) imports from handlers/ or scheduler/.',
      from: { path: '^src/', pathNot: ['^src/main\\.ts$', '^src/app/'] },
      to: { path: '^(handlers|scheduler)/' },
    },
    {
      name: 'handlers-not-to-scheduler',
      severity: 'error',
      comment: "The scheduler may use the handlers' services; handlers never import the scheduler.",
      from: { path: '^handlers/' },
      to: { path: '^scheduler/' },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      comment: 'src/main.ts and src/app/ are the top: src/, handlers/ and scheduler/ never import them.',
      from: { path: '^(src|handlers|scheduler)/', pathNot: ['^src/main\\.ts$', '^src/app/'] },
      to: { path: ['^src/main\\.ts$', '^src/app/'] },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'Production code never imports test code (bench/ is a dev tool and may reuse the test fakes).',
      from: { path: '^(src|handlers|scheduler)/' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (test fixtures that load the build from dist/ excepted).',
      from: {},
      to: { couldNotResolve: true, pathNot: '/dist/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
