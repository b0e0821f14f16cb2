// The flow's ports on one platform's SbClient (the App passes the client of the platform it exports on).
import type { SbClient } from '../../platform/client.js';
import { normalizeEndpoint } from '../../platform/endpoints.js';
import { budgetWaiter, realClock } from '../../transfer/budget-wait.js';
import { platformPorts } from '../../transfer/platform-ports.js';
import type { Clock } from '../../transfer/ports.js';
import type { ExportFlowPorts } from './ports.js';

/** `clock` times the waits for the rate budget: tests inject theirs. */
export function exportFlowPorts(client: SbClient, clock: Clock = realClock): ExportFlowPorts {
  const ports = platformPorts(client);
  return { ...ports, endpoint: normalizeEndpoint(client.endpoint), budget: budgetWaiter(ports, clock) };
}
