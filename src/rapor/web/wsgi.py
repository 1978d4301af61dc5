"""WSGI entry point: ``rapor.web.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapor.web.settings")
application = get_wsgi_application()
