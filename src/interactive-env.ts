// Imported first by cli.tsx, before Ink: Ink decides once, when it loads, that it
// runs "in CI" if CI variables are set, and then draws nothing until exit. A
// person at a terminal (stdin and stdout both TTYs) gets the live screen even
// from a shell that has CI set; piped and scripted runs are left alone.
if (process.stdout.isTTY && process.stdin.isTTY) {
  for (const key of Object.keys(process.env)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete process.env[key];
  }
}
