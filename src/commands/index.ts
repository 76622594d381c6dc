// Entry point of commands.html, the ribbon's FunctionFile. The names match <FunctionName> in
// manifest.xml; every command calls event.completed(), or Office shows the button busy until it
// times out. Opened with ?notice=…, the same page is the small dialog that shows a command's result.
import { dialogNotify, registerCommands, type CommandOffice, type RibbonDeps } from "./ribbon";

declare const __TOOL_VERSION__: string;

const office = Office as unknown as CommandOffice;

function deps(): RibbonDeps {
  return {
    run: Excel.run.bind(Excel),
    requirements: Office.context.requirements,
    lang: (Office.context.displayLanguage ?? "").toLowerCase().startsWith("vi") ? "vi" : "en",
    toolVersion: __TOOL_VERSION__,
    now: () => new Date(),
    notify: dialogNotify(office, `${location.origin}${location.pathname}`),
  };
}

void Office.onReady(() => {
  const notice = new URLSearchParams(location.search).get("notice");
  if (notice !== null) {
    const p = document.createElement("p");
    p.textContent = notice;
    p.style.font = '14px "Segoe UI", sans-serif';
    p.style.padding = "12px";
    document.body.append(p);
    return;
  }
  registerCommands(office, deps);
});
