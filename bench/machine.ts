// What the figures were measured on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function version(pkg: string): string | undefined {
  try {
    const file = path.join(import.meta.dirname, '..', 'node_modules', pkg, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ink: version('ink'),
    react: version('react'),
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}
