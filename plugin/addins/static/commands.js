/* The add-in commands' function file: our ribbon button only opens the task pane, so this just lets Office start. */
if (window.Office && typeof Office.onReady === "function") { Office.onReady(function () {}); }
