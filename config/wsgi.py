import os

from django.core.wsgi import get_wsgi_application

from zakupki.core.warm_heap import freeze_heap_when_warm

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()
# a warm worker's full garbage collections stop walking its long-lived objects (docs/performance.md)
freeze_heap_when_warm(after_requests=100)
