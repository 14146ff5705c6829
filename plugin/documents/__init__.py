"""Word documents from templates: context, sandboxed rendering, properties, generation, template checks."""
