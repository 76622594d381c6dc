// Entry point of commands.html, the ribbon's FunctionFile. The names match <FunctionName> in
// manifest.xml. Placeholder bodies: the real commands replace them. Every command must call
// event.completed(), or Office shows the button as busy until it times out.
void Office.onReady(() => {
  Office.actions.associate("convertToTracker", (event: Office.AddinCommands.Event) => {
    event.completed();
  });
  Office.actions.associate("checkPlan", (event: Office.AddinCommands.Event) => {
    event.completed();
  });
});
