import { setHelp, setTheme, share } from "../state/actions";
import { useApp } from "../state/store";
import { OpsBar } from "./OpsBar";
import { TeachBar } from "./teach/TeachBar";

export function TopBar() {
  const theme = useApp((s) => s.view.theme);
  return (
    <header className="topbar">
      <h1 className="brand">
        <span className="dot" aria-hidden="true" />
        Anonscope
        <small>illumos anon layer</small>
      </h1>
      <OpsBar />
      <span className="spacer" />
      <TeachBar />
      <button
        type="button"
        className="btn primary"
        aria-label="Share"
        title="Copy a link to this scenario and position"
        onClick={() => void share()}
      >
        Share
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
        title="Light / dark theme"
        onClick={() => setTheme(theme === "dark" ? "light" : "dark")}
      >
        {theme === "dark" ? "☀" : "☾"}
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setHelp(true)}
      >
        ?
      </button>
    </header>
  );
}
