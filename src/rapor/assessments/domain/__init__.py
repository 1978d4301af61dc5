"""Business actions as functions with keyword-only arguments (verbs), one module per concern."""
