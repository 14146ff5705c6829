"""Word and Outlook add-ins: manifests, the localhost certificate and the task-pane pages."""
