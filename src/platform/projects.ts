import { isRecord } from '../values.js';
import type { SbClient } from './client.js';
import { allPages, type PageOptions } from './pages.js';

/** A project as GET /projects lists it (sevenbridges-python models/project.py). Unknown fields are kept. */
export interface Project {
  id: string;
  name: string;
  /** The folder of the project's top-level files, when the platform says. */
  root_folder?: string;
  href?: string;
  [key: string]: unknown;
}

function isProject(value: unknown): value is Project {
  return isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string';
}

/** GET /projects?fields=_all: every project the token can see, across all pages. */
export function listProjects(client: SbClient, opts: PageOptions = {}): AsyncGenerator<Project> {
  return allPages(client, '/projects', { fields: '_all' }, isProject, 'project', opts);
}
