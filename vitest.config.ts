import fs from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { editInkFile, INK_FILE } from './scripts/ink-edits.mjs';

// The tests run the sources, not the bundle: Ink gets the same edits here as in the build
// (scripts/ink-edits.mjs; it throws if the installed Ink is not the pinned one).
const inkEdits: Plugin = {
  name: 'ink-edits',
  enforce: 'pre',
  // Read here rather than transformed: Ink's files name source maps of sources it does not ship, which Vite
  // would warn about for every file.
  load(id) {
    const file = id.split('?')[0]!;
    if (!INK_FILE.test(file)) return undefined;
    const code = fs.readFileSync(file, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
    return { code: editInkFile(file, code) ?? code, map: null };
  },
};

export default defineConfig({
  plugins: [inkEdits],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // UI tests poll the rendered frame; a busy 2-core CI machine needs room.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // Through Vite (so the transform above applies), not loaded by Node as they are: Ink, and the packages
    // that import it, so that there is one Ink, the edited one.
    server: { deps: { inline: [/[\\/]node_modules[\\/]ink(-spinner|-testing-library)?[\\/]/] } },
  },
});
