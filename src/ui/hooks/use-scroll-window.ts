// The table's window over the list: it stays still while the cursor moves inside it (like less/k9s) and
// follows the cursor past either edge.
import { useRef } from 'react';

export function useScrollWindow(index: number, length: number, height: number): number {
  const top = useRef(0);
  if (index < top.current) top.current = Math.max(0, index);
  if (index >= top.current + height) top.current = index - height + 1;
  top.current = Math.max(0, Math.min(top.current, Math.max(0, length - height)));
  return top.current;
}
