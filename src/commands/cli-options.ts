// Option parsers shared by the root program and its subcommands: validation is commander's, so a bad value
// gets commander's usage error (exit 2) before anything runs.
import { InvalidArgumentError, Option } from 'commander';
import { EXPORT_STATES } from '../platform/types.js';

export function parseSeconds(min: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new InvalidArgumentError(`${what} must be a number of seconds.`);
    if (n < min) throw new InvalidArgumentError(`${what} must be at least ${min} seconds.`);
    return n;
  };
}

// The API's states, plus what the watch list knows instead of a state.
const LIST_STATES = [...EXPORT_STATES, 'NOT_FOUND', 'NO_ACCESS', 'UNKNOWN'];

export const stateOption = () =>
  new Option('--state <state...>', `only jobs in these states: ${LIST_STATES.join(', ')}`).argParser(
    (value: string, previous: string[] | undefined) => {
      const upper = value.toUpperCase();
      if (!LIST_STATES.includes(upper)) throw new InvalidArgumentError(`Allowed: ${LIST_STATES.join(', ')}.`);
      return [...(previous ?? []), upper];
    },
  );
