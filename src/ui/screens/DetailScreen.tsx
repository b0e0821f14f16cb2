// The detail pane of one job. Its lines are worked out here, with the clock only while the job has no
// finish time (its duration still grows), so a finished job's pane is not redrawn by the tick.
import { useMemo } from 'react';
import type { Snapshot } from '../../store/types.js';
import { DetailPane } from '../components/DetailPane.js';
import { detailLines, wrapDetail } from '../detail-lines.js';
import { useClock } from '../hooks/use-clock.js';

interface Props {
  id: string | undefined;
  snapshot: Snapshot | undefined;
  scroll: number;
  height: number;
  width: number;
  hyperlinks: boolean;
  /** The job's platform (short name, '' with one platform) and whether there is no token for it here. */
  platform?: string;
  noToken?: boolean;
}

export function DetailScreen(props: Props) {
  const { id, snapshot, scroll, height, width, hyperlinks, platform, noToken } = props;
  const finished = Boolean(snapshot?.job?.finished_on);
  const now = useClock((t) => (finished ? 0 : t));
  const lines = useMemo(
    () => (id ? wrapDetail(detailLines(id, snapshot, now, { platform, noToken }), width) : []),
    [id, snapshot, now, width, platform, noToken],
  );
  const max = Math.max(0, lines.length - (height - 1));
  return <DetailPane lines={lines} scroll={Math.min(scroll, max)} height={height} hyperlinks={hyperlinks} />;
}
