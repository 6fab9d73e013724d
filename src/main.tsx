// first: the engine worker starts loading while the rest of the app's code is evaluated
import "./state/earlyEngine";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { connect } from "./state/engine";
import { boot } from "./state/boot";
import { followChanges } from "./state/changes";
import { followBeside } from "./state/pair";
import { installBridge } from "./state/bridge";
import { App } from "./ui/App";
import "./ui/app.css";

connect();
if (import.meta.env.DEV || import.meta.env.MODE === "test") installBridge();
boot();
followChanges();
followBeside();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
