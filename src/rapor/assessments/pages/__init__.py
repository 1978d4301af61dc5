"""Read-side page builders (one per screen): what a screen shows, built from queries and the
scoring path. The older screens' builders still live beside this package (workspace.py,
mywork.py, review_queue.py, evidence_library.py)."""
