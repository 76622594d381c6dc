// Entry point of taskpane.html. Only the Office.onReady wiring belongs here: the task pane module
// (importable and tested without Office) is wired in by the task pane work.
void Office.onReady(() => {
  /* wired by the task pane module */
});
