"""Project wiring: settings from the environment, URL map, WSGI/ASGI and the `ttdn` command."""
