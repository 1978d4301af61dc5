"""The Django project: settings, URLs, WSGI, the base layout and the shared template tags."""
