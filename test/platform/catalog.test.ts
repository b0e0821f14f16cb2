import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PROJECT, demoCatalog, READ_ONLY_VOLUME } from '../../src/demo/seed-catalog.js';
import { type SimCatalog, type SimFile, type Simulator, startSimulator } from '../../src/demo/simulator.js';
import { SbClient } from '../../src/platform/client.js';
import { fileKind, isFolder, listFolder, type SbFile } from '../../src/platform/files.js';
import { listProjects } from '../../src/platform/projects.js';
import { isWritable, listVolumes } from '../../src/platform/volumes.js';

const TOKEN = 'test-token-not-secret';

let open: { sim: Simulator; client: SbClient }[] = [];
afterEach(async () => {
  await Promise.all(open.flatMap(({ sim, client }) => [client.close(), sim.close()]));
  open = [];
});

async function setup(catalog: SimCatalog): Promise<{ sim: Simulator; client: SbClient }> {
  const sim = await startSimulator({ token: TOKEN, catalog });
  const client = new SbClient({ endpoint: sim.url, token: TOKEN });
  open.push({ sim, client });
  return { sim, client };
}

async function all<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

/** 250 projects, a root with 230 files and one folder of 3, 120 volumes (every 7th read-only). */
function bigCatalog(): SimCatalog {
  const projects = Array.from({ length: 250 }, (_, i) => ({
    id: `owner/p${String(i).padStart(3, '0')}`,
    name: `Project ${i}`,
    root_folder: i === 0 ? 'root0' : `root${i}`,
  }));
  const file = (id: string, parent: string, type: 'file' | 'folder' = 'file'): SimFile => ({
    id,
    name: `${id}.txt`,
    type,
    size: 10,
    project: 'owner/p000',
    parent,
  });
  const files = [
    ...Array.from({ length: 230 }, (_, i) => file(`f${i}`, 'root0')),
    file('sub', 'root0', 'folder'),
    ...['s1', 's2', 's3'].map((id) => file(id, 'sub')),
  ];
  const volumes = Array.from({ length: 120 }, (_, i) => ({
    id: `owner/v${i}`,
    name: `v${i}`,
    access_mode: (i % 7 === 3 ? 'RO' : 'RW') as 'RO' | 'RW',
  }));
  return { projects, files, volumes };
}

describe('pagination over HTTP', () => {
  it('listProjects follows the next links: 250 projects in 3 pages, in order', async () => {
    const { sim, client } = await setup(bigCatalog());
    const projects = await all(listProjects(client));
    expect(projects.map((p) => p.id)).toEqual(bigCatalog().projects!.map((p) => p.id));
    expect(projects[0]).toMatchObject({ name: 'Project 0', root_folder: 'root0' });
    expect(sim.stats.catalogPages).toBe(3);
  });

  it('the simulator pages with offset/limit ≤ 100, absolute links and X-Total-Matching-Query', async () => {
    const { sim } = await setup(bigCatalog());
    const get = (q: string) => fetch(`${sim.url}/projects${q}`, { headers: { 'X-SBG-Auth-Token': TOKEN } });
    const res = await get('?offset=100&limit=100');
    expect(res.headers.get('x-total-matching-query')).toBe('250');
    const page = (await res.json()) as { items: { id: string }[]; links: { rel: string; href: string }[] };
    expect(page.items.map((p) => p.id)[0]).toBe('owner/p100');
    expect(page.links).toEqual([
      { rel: 'next', method: 'GET', href: `${sim.url}/projects?offset=200&limit=100` },
      { rel: 'prev', method: 'GET', href: `${sim.url}/projects?offset=0&limit=100` },
    ]);
    expect((await get('?limit=101')).status).toBe(400);
    expect((await get('?offset=-1')).status).toBe(400);
  });

  it('listFolder lists a project root (?project=) and a folder (?parent=), 231 items in 3 pages', async () => {
    const { sim, client } = await setup(bigCatalog());
    const root = await all(listFolder(client, { project: 'owner/p000' }));
    expect(root).toHaveLength(231);
    expect(sim.stats.catalogPages).toBe(3);
    const folder = root.find((f) => isFolder(f))!;
    expect(folder.id).toBe('sub');
    const sub = await all(listFolder(client, { parent: folder.id }, { limit: 2 }));
    expect(sub.map((f) => f.id)).toEqual(['s1', 's2', 's3']);
    expect(sub[0]).toMatchObject({ type: 'file', size: 10, project: 'owner/p000', parent: 'sub' });
  });

  it('without links, the pager steps the offset until X-Total-Matching-Query is reached', async () => {
    const { sim, client } = await setup(bigCatalog());
    sim.faults.omitPageLinks = true;
    const projects = await all(listProjects(client, { limit: 100 }));
    expect(projects.map((p) => p.id)).toEqual(bigCatalog().projects!.map((p) => p.id));
    expect(sim.stats.catalogPages).toBe(3);
  });

  it('listFolder on a missing project or folder is a not-found error', async () => {
    const { client } = await setup(bigCatalog());
    await expect(all(listFolder(client, { project: 'owner/nope' }))).rejects.toMatchObject({
      kind: 'not-found',
    });
    await expect(all(listFolder(client, { parent: 'f1' }))).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('listVolumes pages through 120 volumes and tells RW from RO', async () => {
    const { sim, client } = await setup(bigCatalog());
    const volumes = await all(listVolumes(client, { limit: 50 }));
    expect(volumes).toHaveLength(120);
    expect(sim.stats.catalogPages).toBe(3);
    expect(volumes.filter((v) => !isWritable(v)).map((v) => v.id)).toEqual(
      bigCatalog()
        .volumes!.filter((v) => v.access_mode === 'RO')
        .map((v) => v.id),
    );
  });
});

describe('the demo catalog', () => {
  it('holds the cohort: 20 batches of 100 samples, CRAM + CRAI, with aliases and public reference files', async () => {
    const { client } = await setup(demoCatalog());
    const projects = await all(listProjects(client));
    expect(projects.map((p) => p.id)).toContain(DEMO_PROJECT);
    const root = await all(listFolder(client, { project: DEMO_PROJECT }));
    const names = root.map((f) => `${f.name}${isFolder(f) ? '/' : ''}`);
    expect(names).toEqual(['cohort/', 'reference/', 'results/', 'imported/', 'manifest.tsv', 'README.md']);
    const cohort = root.find((f) => f.name === 'cohort')!;
    const batches = await all(listFolder(client, { parent: cohort.id }));
    expect(batches).toHaveLength(20);
    const files: SbFile[] = [];
    for (const batch of batches) files.push(...(await all(listFolder(client, { parent: batch.id }))));
    expect(files).toHaveLength(4000);
    expect(files.filter((f) => f.name.endsWith('.cram'))).toHaveLength(2000);
    expect(files.filter((f) => fileKind(f) === 'alias').map((f) => f.name)).toEqual([
      'sample_0250.cram',
      'sample_0750.cram',
      'sample_1250.cram',
      'sample_1750.cram',
    ]);
    const reference = await all(listFolder(client, { parent: root.find((f) => f.name === 'reference')!.id }));
    expect(reference.map(fileKind)).toEqual(['public', 'public', 'public']);
    const volumes = await all(listVolumes(client));
    expect(volumes.filter((v) => !isWritable(v)).map((v) => v.id)).toEqual([READ_ONLY_VOLUME]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(demoCatalog())).toBe(JSON.stringify(demoCatalog()));
  });
});
