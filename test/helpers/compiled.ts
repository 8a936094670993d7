import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** A source file and every project file it imports, directly or not (relative `.js` imports). */
function sourcesImportedBy(entry: string): string[] {
  const found = new Set<string>();
  const visit = (source: string): void => {
    if (found.has(source)) return;
    found.add(source);
    const text = readFileSync(path.join(root, source), 'utf8');
    for (const [, specifier] of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
      visit(path.posix.join(path.posix.dirname(source), `${specifier}.ts`));
    }
  };
  visit(entry);
  return [...found];
}

/**
 * Makes sure `dist/` holds `entry` (e.g. `src/store/embedded/open-embedded-store.ts`) compiled from its current
 * sources, for tests that run it in a child process under bare `node`; true when it does.
 */
export function ensureCompiled(entry: string): boolean {
  const sources = sourcesImportedBy(entry);
  const stale = (): boolean =>
    sources.some((source) => {
      const output = path.join(root, 'dist', source.replace(/\.ts$/, '.js'));
      return !existsSync(output) || statSync(output).mtimeMs < statSync(path.join(root, source)).mtimeMs;
    });
  if (stale()) {
    // A fresh build-info file forces a full emit even if dist/.tsbuildinfo thinks all is current;
    // type errors elsewhere in the project still emit, so only the output is checked.
    const buildInfo = path.join(tmpdir(), `dondoc-compile-${process.pid}.tsbuildinfo`);
    spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--tsBuildInfoFile', buildInfo], { cwd: root, stdio: 'ignore' });
    rmSync(buildInfo, { force: true });
  }
  return !stale();
}
