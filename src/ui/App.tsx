import { useInsertionEffect, useState, type CSSProperties } from "react";
import { useAddressNeed } from "./scale/wants";
import { useApp } from "../state/store";
import { TopBar } from "./TopBar";
import { AddressSpaces } from "./panels/address/AddressSpaces";
import { AnonLayer } from "./panels/anon/AnonLayer";
import { PhysicalMemory } from "./panels/physical/PhysicalMemory";
import { SwapPanel } from "./panels/swap/SwapPanel";
import { Narration } from "./panels/narration/Narration";
import { ConsolePanel } from "./panels/console/ConsolePanel";
import { ScenarioPanel } from "./panels/scenario/ScenarioPanel";
import { HelpOverlay } from "./lazyParts";
import { Gestures } from "./phone/Gestures";
import { Notice } from "./Notice";
import { BusySign } from "./EngineStatus";
import { LinkOverlay } from "./LinkOverlay";
import { useKeyboard } from "./useKeyboard";
import { TeachMain, TeachOverlays, TeachPage, useTeachApp } from "./teach/TeachRoot";
import { UnitContext, useViewportUnit } from "./scale/useUnit";
import { EMBED_DESIGN, PHONE_DESIGN } from "./scale/scale";
import { COMPACT_QUERY, CompactContext, EMBED_COMPACT_QUERY, SIDE_QUERY, useMedia } from "./phone/compact";
import { PanelTabs, useShownTab, useTabList } from "./phone/PanelTabs";
import "./phone/phone.css";
import { Motion } from "./motion/Motion";
import { BesidePicker, PairPanel } from "./compare/lazy";
import { usePair } from "../state/pair";

export function App() {
  const theme = useApp((s) => s.view.theme);
  const presenting = useApp((s) => s.view.presenting);
  // a second scenario side by side takes the place of Address spaces
  const pair = usePair((s) => s.open);
  const focusing = useApp((s) => s.view.hover !== null || s.view.selected !== null);
  // before any layout effect reads the page (see useViewportUnit)
  useInsertionEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useKeyboard();
  const need = useAddressNeed();
  const page = useTeachApp();
  // phones and tablets: one panel at a time (src/ui/phone); the embed only when phone-narrow
  const compactApp = useMedia(COMPACT_QUERY);
  const compactEmbed = useMedia(EMBED_COMPACT_QUERY);
  const side = useMedia(SIDE_QUERY);
  const compact = page === "app" ? compactApp : page === "embed" && compactEmbed;
  // the embed is drawn for its iframe (800×500 is its unit 1), the app for a 1366×768 projector
  const u = useViewportUnit(compact ? PHONE_DESIGN : page === "embed" ? EMBED_DESIGN : undefined);
  const tabs = useTabList(page === "embed");
  const tab = useShownTab(tabs);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  if (page !== "app")
    return (
      <UnitContext.Provider value={u}>
        <CompactContext.Provider value={compact}>
          <TeachPage page={page} />
        </CompactContext.Provider>
      </UnitContext.Provider>
    );
  const stage = presenting && !compact;
  return (
    <UnitContext.Provider value={u}>
      <CompactContext.Provider value={compact}>
        <div className={`app${compact ? " compact" : ""}${compact && side ? " side" : ""}`} ref={setRoot}>
          {/* a phone on its side has no height to spare: the tabs go up into the top bar */}
          <TopBar>{compact && side ? <PanelTabs tabs={tabs} tab={tab} /> : null}</TopBar>
          <main
            className={`main${stage ? " presenting" : ""}${focusing ? " focusing" : ""}`}
            aria-label="Anonscope"
            data-tab={compact ? tab : undefined}
            style={
              need && !compact
                ? ({
                    "--as-need": `${Math.round(Math.min(need, 0.4 * window.innerHeight))}px`,
                  } as CSSProperties)
                : undefined
            }
          >
            {compact && !side && <PanelTabs tabs={tabs} tab={tab} />}
            <ScenarioPanel />
            {pair ? <PairPanel /> : <AddressSpaces />}
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
          {compact ? <Gestures root={root} /> : <LinkOverlay />}
          <HelpOverlay />
          <BesidePicker />
          <TeachOverlays />
          <BusySign />
          <Notice />
        </div>
      </CompactContext.Provider>
    </UnitContext.Provider>
  );
}
