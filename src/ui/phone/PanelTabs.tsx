import { useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { Icon } from "../Icon";
import { useEdgeFade } from "../hooks/useEdgeFade";
import { present } from "../../state/view";
import { shownEvent } from "../../state/selectors";
import { useApp } from "../../state/store";
import { useTeach } from "../../state/teach";
import { eventMarks, eventPanel, type Diagram, type TabId } from "./eventPanel";
import { setFollow, showTab, useTabs } from "./tabStore";

/** Each tab's word (short, for a phone's width) and its name (the panel's title, which contains it). */
const NAMES: Record<TabId, readonly [string, string]> = {
  lesson: ["Lesson", "Lesson"],
  anon: ["Anon", "Anon layer"],
  address: ["Address", "Address spaces"],
  physical: ["Memory", "Physical memory"],
  swap: ["Swap", "Swap"],
  tables: ["Tables", "Tables"],
  console: ["Console", "Console"],
  scenario: ["Scenario", "Scenario"],
};

const DIAGRAMS: readonly Diagram[] = ["anon", "address", "physical", "swap"];

/** The tabs of the page: the embed shows its two drawings; the app all, the table view for the four. */
export function useTabList(embed: boolean): readonly TabId[] {
  const table = useTeach((t) => t.table);
  const lesson = useTeach((t) => t.lesson !== null);
  return useMemo(
    (): readonly TabId[] =>
      embed
        ? ["anon", "address"]
        : [
            ...(lesson ? (["lesson"] as const) : []),
            ...(table ? (["tables"] as const) : DIAGRAMS),
            "console",
            "scenario",
          ],
    [embed, table, lesson],
  );
}

/**
 * The tab on screen, kept on the current event while "Follow" is on: each event shows the panel
 * that draws what it does (eventPanel.ts); an event that names nothing of its own leaves it.
 * A link that enlarged a panel (presentation mode, desktop) shows that one until another tab
 * is chosen, as presentation mode does. Opening a lesson shows the lesson.
 */
export function useShownTab(tabs: readonly TabId[]): TabId {
  const ev = useApp(shownEvent);
  const presenting = useApp((s) => s.view.presenting);
  const table = useTeach((t) => t.table);
  const lesson = useTeach((t) => t.lesson);
  const tab = useTabs((t) => t.tab);
  useEffect(() => {
    const asked = presenting && presenting !== "narration" ? presenting : null;
    if (asked && tabs.includes(asked)) return showTab(asked);
    if (!useTabs.getState().follow) return;
    const d = eventPanel(ev);
    if (d) showTab(table ? "tables" : d);
  }, [ev, table, presenting, tabs]);
  useEffect(() => {
    if (lesson) showTab("lesson");
  }, [lesson]);
  if (tabs.includes(tab)) return tab;
  return tabs.includes("anon") ? "anon" : tabs.includes("tables") ? "tables" : tabs[0]!;
}

/**
 * The compact layout's panel switcher (WAI-ARIA tabs): one tab a panel, a dot on each panel
 * that marks the current event, and "Follow" (pressed while each event brings up its panel).
 * ←/→ move between the tabs; every panel stays mounted, so each keeps its zoom and scroll.
 */
export function PanelTabs({ tabs, tab }: { tabs: readonly TabId[]; tab: TabId }) {
  const ev = useApp(shownEvent);
  const table = useTeach((t) => t.table);
  const follow = useTabs((t) => t.follow);
  const marks = eventMarks(ev);
  // a tab chosen by hand leaves the panel a link enlarged
  const choose = (t: TabId): void => {
    showTab(t);
    if (useApp.getState().view.presenting) present(null);
  };
  const list = useRef<HTMLDivElement>(null);
  const fade = useEdgeFade(list);
  // a phone too narrow for every tab scrolls them: the one on screen is always in view, with
  // no more scrolling than that takes (centred, a tab that fitted anyway left a cut one at the
  // strip's left edge)
  useEffect(() => {
    list.current
      ?.querySelector('[aria-selected="true"]')
      ?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [tab]);
  const marked = (t: TabId): boolean =>
    t === "tables" ? table && marks.size > 0 : DIAGRAMS.includes(t as Diagram) && marks.has(t as Diagram);
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const d = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!d) return;
    // the tabs' own arrows, not the timeline's
    e.stopPropagation();
    e.preventDefault();
    const next = tabs[(tabs.indexOf(tab) + d + tabs.length) % tabs.length]!;
    choose(next);
    e.currentTarget.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
  };
  return (
    <nav className="phone-tabs" aria-label="Panels">
      <div
        className="tab-list"
        role="tablist"
        aria-label="Panels"
        onKeyDown={onKey}
        ref={list}
        data-fade={fade}
      >
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            data-tab={t}
            aria-label={NAMES[t][1]}
            aria-selected={t === tab}
            aria-controls={
              DIAGRAMS.includes(t as Diagram) || t === "console" || t === "scenario"
                ? `panel-${t}`
                : undefined
            }
            tabIndex={t === tab ? 0 : -1}
            className={`tab${marked(t) ? " marked" : ""}`}
            onClick={() => choose(t)}
          >
            {NAMES[t][0]}
            {marked(t) && <i className="tab-dot" aria-hidden="true" />}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn icon follow"
        aria-label="Follow the event"
        aria-pressed={follow}
        title="Follow the event: each step shows the panel it is about"
        onClick={() => setFollow(!follow)}
      >
        <Icon name="follow" />
      </button>
    </nav>
  );
}
