import { create } from "zustand";

/** Whether the dialog that opens a second scenario beside this one is up (its code loads only then). */
export const usePicker = create<{ readonly open: boolean }>()(() => ({ open: false }));

export const openPicker = (): void => usePicker.setState({ open: true });
export const closePicker = (): void => usePicker.setState({ open: false });
