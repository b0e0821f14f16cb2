// useInput, plus the raw sequence each key arrived as: Ink 6 reports Backspace and Delete alike
// (keys.ts: isDeleteKey), and only the raw text tells them apart.
import { type Key, useInput, useStdin } from 'ink';
import { useCallback, useEffect, useRef } from 'react';

export type KeyHandler = (input: string, key: Key, raw: string) => void;

export function useKeys(handler: KeyHandler): void {
  const { internal_eventEmitter: events } = useStdin();
  const raw = useRef('');
  // Registered before useInput's listener below (effects run in order), so it has seen each event first.
  useEffect(() => {
    const onInput = (data: string) => {
      raw.current = data;
    };
    events?.on('input', onInput);
    return () => {
      events?.off('input', onInput);
    };
  }, [events]);
  // Ink re-subscribes a changed handler only after the frame is drawn; a key pressed in between would
  // reach the previous view's handler. The ref is updated during render, so the newest handler answers.
  const latest = useRef(handler);
  latest.current = handler;
  useInput(useCallback((input: string, key: Key) => latest.current(input, key, raw.current), []));
}
