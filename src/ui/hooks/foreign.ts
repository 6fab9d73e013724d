import { createContext, useContext } from "react";

/**
 * True inside a diagram of the second scenario (side by side): the first one's hover, current
 * event and marks name objects of another run, so its diagrams ignore them.
 */
export const ForeignDiagram = createContext(false);

export const useForeign = (): boolean => useContext(ForeignDiagram);
