import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/platform/errors.js';
import type { ExportJob } from '../../src/platform/types.js';
import type { ExportListPort } from '../../src/transfer/ports.js';
import { findCreated } from '../../src/transfer/recover.js';
import { submitInBatches } from '../../src/transfer/submit.js';
import { body, FakeBulk } from './fakes.js';

/** The platform's export list, reading the fake's job book (as GET /storage/exports would). */
function listPort(jobs: () => ExportJob[]): ExportListPort & { read: number } {
  const port = {
    read: 0,
    async *listExports(volume: string) {
      for (const job of jobs()) {
        if (job.destination?.volume !== volume) continue;
        port.read++;
        yield job;
      }
    },
  };
  return port;
}

describe('findCreated', () => {
  it('finds the jobs a timed-out call created, so a resume does not send them again', async () => {
    const bulk = new FakeBulk();
    // The call went through on the platform, but the answer never came back.
    const port = {
      async bulkCreate(...args: Parameters<FakeBulk['bulkCreate']>) {
        await bulk.bulkCreate(...args);
        throw new ApiError('timeout', 'No answer within 30 s');
      },
    };
    const items = Array.from({ length: 3 }, (_, i) => body(i));
    const out = await submitInBatches(items, port);
    expect(out.stopped?.uncertain).toBe(true);
    const found = await findCreated(
      out.uncertainItems,
      listPort(() => bulk.created),
    );
    expect(found.map((j) => j.source?.file).sort()).toEqual(['f0', 'f1', 'f2']);
  });

  it('ignores other exports, prefers a live job to a FAILED one, and stops once all are found', async () => {
    const job = (id: string, state: string, file: string): ExportJob => ({
      id,
      state,
      source: { file },
      destination: { volume: 'lab/vol', location: `out/${file}` },
    });
    const book = [
      job('x', 'COMPLETED', 'other'),
      job('old', 'FAILED', 'f0'),
      job('new', 'PENDING', 'f0'),
      job('tail', 'RUNNING', 'f9'),
    ];
    const port = listPort(() => book);
    const found = await findCreated([body(0)], port);
    expect(found.map((j) => j.id)).toEqual(['new']);
    expect(port.read).toBe(3);
  });
});
