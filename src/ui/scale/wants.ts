/**
 * What a panel asks of the screen's layout: the height Address spaces needs to keep a strip of
 * page cells in every segment (many mappings: more than its share of the column). App gives the
 * row at least that much (capped), and the Anon layer under it takes the rest.
 */
import { useSyncExternalStore } from "react";

let addressNeed = 0;
const subs = new Set<() => void>();

export function setAddressNeed(px: number): void {
  const v = Math.round(px);
  if (v === addressNeed) return;
  addressNeed = v;
  for (const f of subs) f();
}

const subscribe = (f: () => void) => {
  subs.add(f);
  return () => subs.delete(f);
};

export const useAddressNeed = (): number =>
  useSyncExternalStore(
    subscribe,
    () => addressNeed,
    () => 0,
  );
