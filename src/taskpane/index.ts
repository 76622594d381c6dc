// Entry point of taskpane.html: only the Office.onReady wiring lives here (STYLE.md), so every
// other module is importable and tested without Office.
import { boot } from "./boot";

void Office.onReady((info) => boot(info.host ?? null));
