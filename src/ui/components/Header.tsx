import { Box, Text } from 'ink';
import { memo } from 'react';
import { clockTime, duration } from '../format.js';
import { useClock } from '../hooks/use-clock.js';
import type { PlatformSummary } from '../hooks/use-platforms.js';
import type { SortSpec } from '../rows.js';
import { ROW_STATES, type RowState, stateLook, toneColor } from '../theme.js';

export interface HeaderBanner {
  kind: string;
  message: string;
  until?: number;
}

interface Props {
  platform: string;
  /** Several platforms: shown instead of `platform`, each with its count and trouble. */
  platforms?: readonly PlatformSummary[];
  /** A first pass spanning rate windows. */
  learning?: { done: number; total: number };
  tags: readonly string[];
  counts: Readonly<Record<RowState, number>>;
  total: number;
  finalCount: number;
  /** Anything still PENDING/RUNNING: show the one spinner. */
  active: boolean;
  lastRefreshAt?: number;
  stale: boolean;
  rate?: { limit: number; remaining: number };
  banner?: HeaderBanner;
  position: string;
  filter: string;
  matches: number;
  sort: SortSpec;
  /** How many jobs are marked (0: nothing said). */
  marked?: number;
}

// UNKNOWN (never fetched) is not counted in the header.
const COUNT_ORDER = ROW_STATES.filter((state) => state !== 'UNKNOWN');
// The API's four states are always counted; the watcher's own (NOT FOUND, NO ACCESS) only when present.
const ALWAYS_COUNTED: ReadonlySet<RowState> = new Set(['PENDING', 'RUNNING', 'COMPLETED', 'FAILED']);

// One frame a second, on the clock tick the elapsed times already use: a
// faster spinner would redraw the whole screen a dozen times a second (issue 4:
// idle CPU). ink-spinner is kept for the short busy prompts.
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** The spinner and the refresh time: the only part of the header that moves with the clock. */
function RefreshStatus({ active, lastRefreshAt, stale }: Pick<Props, 'active' | 'lastRefreshAt' | 'stale'>) {
  const frame = useClock((now) => (active ? Math.floor(now / 1000) % SPINNER.length : -1));
  const age = useClock((now) => (stale && lastRefreshAt ? duration(now - lastRefreshAt) : ''));
  return (
    <>
      {frame >= 0 ? <Text color={toneColor('running')}>{`${SPINNER[frame]} `}</Text> : null}
      <Text color={toneColor(stale ? 'warn' : 'muted')}>
        {lastRefreshAt ? `refreshed ${clockTime(lastRefreshAt)}` : 'not refreshed yet'}
        {age ? ` (stale: ${age} old)` : ''}
      </Text>
    </>
  );
}

const figures = ({ done, total }: { done: number; total: number }) =>
  `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;

/** `bdc 12 ● cgc 3 ⚠ token rejected`: each platform's jobs, and whether its rows are being refreshed. */
function PlatformList({ platforms }: { platforms: readonly PlatformSummary[] }) {
  return (
    <>
      {platforms.map((p) => (
        <Text key={p.name}>
          {` ${p.name} ${p.count} `}
          <Text color={toneColor(p.problem ? 'warn' : 'completed')}>
            {p.problem ? `⚠ ${p.problem}` : '●'}
          </Text>
        </Text>
      ))}
    </>
  );
}

export const Header = memo(function Header(props: Props) {
  const { counts, banner } = props;
  return (
    <Box flexDirection="column">
      <Box>
        <Box flexGrow={1} flexShrink={1} overflow="hidden">
          <Text wrap="truncate-end">
            <Text bold color={toneColor('accent')}>
              sbexport-tui
            </Text>
            {props.platforms ? (
              <PlatformList platforms={props.platforms} />
            ) : (
              <Text>{` ${props.platform}`}</Text>
            )}
            {props.tags.map((t) => (
              <Text key={t} color={toneColor('warn')}>{` [${t}]`}</Text>
            ))}
          </Text>
        </Box>
        <Box flexShrink={0} marginLeft={1}>
          <Text>
            {props.learning ? (
              <Text color={toneColor('warn')}>{`learning ${figures(props.learning)} · `}</Text>
            ) : null}
            <RefreshStatus active={props.active} lastRefreshAt={props.lastRefreshAt} stale={props.stale} />
            {props.rate ? (
              <Text color={toneColor(props.rate.remaining < props.rate.limit / 10 ? 'warn' : 'muted')}>
                {` · API ${props.rate.remaining}/${props.rate.limit}`}
              </Text>
            ) : null}
          </Text>
        </Box>
      </Box>
      <Box>
        <Box flexGrow={1} flexShrink={1} overflow="hidden">
          <Text wrap="truncate-end">
            <Text bold>{`${props.finalCount}/${props.total} final  `}</Text>
            {COUNT_ORDER.filter((s) => counts[s] > 0 || ALWAYS_COUNTED.has(s)).map((s) => {
              const look = stateLook(s);
              return (
                <Text
                  key={s}
                  color={toneColor(look.tone)}
                >{`${look.symbol} ${counts[s]} ${s.toLowerCase()}  `}</Text>
              );
            })}
          </Text>
        </Box>
        <Box flexShrink={0} marginLeft={1}>
          <Text>
            {props.marked ? (
              <Text bold color={toneColor('accent')}>{`${props.marked} marked · `}</Text>
            ) : null}
            {props.filter ? (
              <Text
                color={toneColor('accent')}
              >{`filter "${props.filter}" ${props.matches} match${props.matches === 1 ? '' : 'es'} · `}</Text>
            ) : null}
            {props.sort.key !== 'added' || props.sort.descending ? (
              <Text
                color={toneColor('muted')}
              >{`sort ${props.sort.key} ${props.sort.descending ? '▼' : '▲'} · `}</Text>
            ) : null}
            <Text bold>{props.position}</Text>
          </Text>
        </Box>
      </Box>
      {banner ? (
        <Text
          inverse
          color={toneColor(banner.kind === 'rate-limited' ? 'warn' : 'error')}
          wrap="truncate-end"
        >
          {` ${banner.message}${banner.until ? ` — until ${clockTime(banner.until)}` : ''} `}
        </Text>
      ) : null}
    </Box>
  );
});
