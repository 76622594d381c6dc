/**
 * Starts the pane once Office is ready: inside Excel with the Office.js host after checking the
 * requirement sets; outside Office (host null: a plain browser) in standalone mode.
 */
import { checkRequirements } from "../adapters/officejs/requirements";
import { PaneApp } from "./app";
import { createExcelHost } from "./excelHost";
import type { PaneHost } from "./host";
import { langFromDisplay, t } from "./i18n";
import css from "./styles.css";

declare const __TOOL_VERSION__: string;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function addStyles(): void {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
}

export async function boot(host: Office.HostType | null): Promise<PaneApp | null> {
  addStyles();
  const root = document.getElementById("app");
  if (!root) return null;
  const lang = langFromDisplay(host ? Office.context.displayLanguage : navigator.language);
  let paneHost: PaneHost;
  if (host !== null && host === Office.HostType.Excel) {
    const req = checkRequirements(Office.context.requirements);
    if (!req.ok && req.message) {
      // Say plainly what this Excel lacks instead of failing later on a missing API, under the
      // pane's title so the clerk knows which add-in is speaking.
      root.setAttribute("lang", lang);
      const h1 = document.createElement("h1");
      h1.textContent = t("appTitle", lang);
      const header = document.createElement("header");
      header.className = "pt-header";
      header.append(h1);
      const p = document.createElement("p");
      p.className = "pt-error pt-message";
      p.setAttribute("role", "alert");
      p.textContent = req.message[lang];
      root.append(header, p);
      return null;
    }
    paneHost = createExcelHost({
      features: req.features,
      toolVersion: __TOOL_VERSION__,
      now: () => new Date(),
    });
  } else {
    const { createStandaloneHost } = await import(
      /* webpackChunkName: "standalone" */ "./standaloneHost"
    );
    paneHost = createStandaloneHost({ toolVersion: __TOOL_VERSION__, now: () => new Date() });
  }
  const app = new PaneApp(root, paneHost, { lang, storage: storage() });
  await app.start();
  return app;
}
