import { create } from "zustand";

/** Whether the compare view is open (its code loads only then). */
export const useLab = create<{ readonly open: boolean }>()(() => ({ open: false }));

export const openCompare = (): void => useLab.setState({ open: true });
export const closeCompare = (): void => useLab.setState({ open: false });
