"""The window: PySide6 widgets, Qt models and dialogs. The only place Qt is imported."""
