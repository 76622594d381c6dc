// Entry point of taskpane.html: only the Office.onReady wiring lives here (STYLE.md), so every
// other module is importable and tested without Office.
import { boot } from "./boot";

// Without office.js (the standalone page offline, or the CDN blocked) there is no Office at all:
// the pane still starts, standalone.
if (typeof Office === "undefined") void boot(null);
else void Office.onReady((info) => boot(info.host ?? null));
