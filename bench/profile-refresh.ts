import fs from 'node:fs';

// `node --cpu-prof --import tsx bench/profile-refresh.ts`: only the in-process
// render figures, for profiling the refresh of 300 rows without the rest of the bench.
for (const key of Object.keys(process.env))
  if (key === 'CI' || key.startsWith('CI_')) delete process.env[key];
process.env.NODE_ENV = 'production';
const { makeFixture } = await import('./fixture.js');
const { renderFigures } = await import('./render.js');
const fix = await makeFixture();
const r = await renderFigures(fix, 120, 40);
console.log('cpu300Ms', r.cpu300Ms.map((n: number) => n.toFixed(1)).join(' '));
fs.rmSync(fix.root, { recursive: true, force: true });
process.exit(0);
