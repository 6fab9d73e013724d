import { useEffect, type CSSProperties } from "react";
import { useAddressNeed } from "./scale/wants";
import { useApp } from "../state/store";
import { TopBar } from "./TopBar";
import { AddressSpaces } from "./panels/AddressSpaces";
import { AnonLayer } from "./panels/AnonLayer";
import { PhysicalMemory } from "./panels/PhysicalMemory";
import { SwapPanel } from "./panels/SwapPanel";
import { Narration } from "./panels/Narration";
import { ConsolePanel } from "./panels/ConsolePanel";
import { ScenarioPanel } from "./panels/ScenarioPanel";
import { HelpOverlay } from "./HelpOverlay";
import { Notice } from "./Notice";
import { BusySign } from "./EngineStatus";
import { LinkOverlay } from "./LinkOverlay";
import { useKeyboard } from "./useKeyboard";
import { TeachMain, TeachOverlays, TeachPage, useTeachApp } from "./teach/TeachRoot";
import { UnitContext, useViewportUnit } from "./scale/useUnit";
import { EMBED_DESIGN } from "./scale/scale";
import { Motion } from "./motion/Motion";

export function App() {
  const theme = useApp((s) => s.view.theme);
  const presenting = useApp((s) => s.view.presenting);
  const focusing = useApp((s) => s.view.hover !== null || s.view.selected !== null);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useKeyboard();
  const need = useAddressNeed();
  const page = useTeachApp();
  // the embed is drawn for its iframe (800×500 is its unit 1), the app for a 1366×768 projector
  const u = useViewportUnit(page === "embed" ? EMBED_DESIGN : undefined);
  if (page !== "app")
    return (
      <UnitContext.Provider value={u}>
        <TeachPage page={page} />
      </UnitContext.Provider>
    );
  return (
    <UnitContext.Provider value={u}>
      <div className="app">
        <TopBar />
        <main
          className={`main${presenting ? " presenting" : ""}${focusing ? " focusing" : ""}`}
          aria-label="Anonscope"
          style={
            need
              ? ({
                  "--as-need": `${Math.round(Math.min(need, 0.4 * window.innerHeight))}px`,
                } as CSSProperties)
              : undefined
          }
        >
          <ScenarioPanel />
          <AddressSpaces />
          <PhysicalMemory />
          <AnonLayer />
          <SwapPanel />
          <TeachMain />
          <div className="bottom">
            <Narration />
            <ConsolePanel />
          </div>
        </main>
        <Motion />
        <LinkOverlay />
        <HelpOverlay />
        <TeachOverlays />
        <BusySign />
        <Notice />
      </div>
    </UnitContext.Provider>
  );
}
