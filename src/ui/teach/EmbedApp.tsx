import { useShallow } from "zustand/react/shallow";
import { currentFragment, linkCodec } from "../../state/history";
import { useApp, type AppState } from "../../state/store";
import { useTeach } from "../../state/teach";
import { currentLesson } from "../../state/lesson";
import { scenarioTitle, withQuery } from "../../state/teachText";
import { Notice } from "../Notice";
import { AddressSpaces } from "../panels/address/AddressSpaces";
import { PairPanel } from "../compare/lazy";
import { usePair } from "../../state/pair";
import { AnonLayer } from "../panels/anon/AnonLayer";
import { EventFrames } from "../panels/physical/EventFrames";
import { Narration } from "../panels/narration/Narration";
import { PredictCard } from "./PredictCard";
import { Motion } from "../motion/Motion";
import { useEffect, useState } from "react";
import { useCompact } from "../phone/compact";
import { Gestures } from "../phone/Gestures";
import { PanelTabs, useShownTab, useTabList } from "../phone/PanelTabs";

const sel = (s: AppState) => ({
  text: s.scenario.shownText,
  presetId: s.scenario.presetId,
  // the link follows the position
  step: s.engine.pos.step,
  event: s.engine.pos.event,
  ready: s.engine.snapshot !== null,
});

/** The same page without ?embed (and without ?lesson's panel forced open: the full app shows it). */
function fullAppUrl(): string | undefined {
  const { pathname, search } = window.location;
  const fragment = currentFragment();
  return fragment === null ? undefined : `${pathname}${withQuery(search, "embed", null)}#${fragment}`;
}

/**
 * `?embed`: a read-only, compact view for an iframe in a course page (about 800×500): a title,
 * the address spaces (or the link's second scenario beside it) and the anon layer, the frames of the current event (the narration names
 * them), the narration with its step controls, and a link to
 * open the same scenario and step in the full app. No editor, no operation buttons. With
 * `&mode=predict` it asks its questions too.
 */
export function EmbedApp() {
  const { text, presetId, ready } = useApp(useShallow(sel));
  const lesson = useTeach(currentLesson);
  // a link with a second scenario shows it where the address spaces were, as the app does
  const pair = usePair((s) => s.open);
  // on a phone (an iframe as narrow as one): a tab each for the two drawings, as in the app
  const compact = useCompact();
  const tabs = useTabList(true);
  const tab = useShownTab(tabs);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  // the link codec (state/history.ts) is loaded on first use: the link waits for it
  const [codec, setCodec] = useState(false);
  useEffect(() => {
    linkCodec().then(
      () => setCodec(true),
      () => {}, // offline without the chunk: no link out
    );
  }, []);
  const title = lesson
    ? `Lesson ${lesson.n}: ${lesson.title}`
    : (scenarioTitle(text, presetId) ?? "Anonscope");
  return (
    <div className={`app embed-app${compact ? " compact" : ""}`} ref={setRoot}>
      <header className="embed-bar">
        <span className="brand-dot" aria-hidden="true" />
        <h1 title={title}>{title}</h1>
        <a
          className="btn"
          href={ready && codec ? fullAppUrl() : undefined}
          target="_blank"
          rel="noopener noreferrer"
          aria-disabled={!ready || !codec}
        >
          Open in Anonscope ↗
        </a>
      </header>
      <main className="main embed-main" aria-label={title} data-tab={compact ? tab : undefined}>
        {compact && <PanelTabs tabs={tabs} tab={tab} />}
        {pair ? <PairPanel /> : <AddressSpaces />}
        <AnonLayer />
        <EventFrames />
        <Narration />
      </main>
      <Motion />
      <PredictCard />
      <Notice />
      {compact && <Gestures root={root} />}
    </div>
  );
}
