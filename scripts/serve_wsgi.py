"""``config.wsgi`` plus the uploaded media, for ``make serve`` (scripts/serve.sh) only.

In production the web server in front of gunicorn serves ``/media/`` (docs/deployment.md, the nginx
configuration); ``make serve`` has no web server in front, so without this every image would be a
404. WhiteNoise looks media files up on each request (``autorefresh``) because uploads and image
renditions appear while the site runs; everything else goes to the site itself unchanged, which
serves its static files with whitenoise exactly as in production.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as site

application = WhiteNoise(site, autorefresh=True)
application.add_files(settings.MEDIA_ROOT, prefix=settings.MEDIA_URL)
