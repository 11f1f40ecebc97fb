"""The server's own ceiling for bench/wrk.py: a WSGI callable that returns 20 kB of fixed bytes
(about the size of a portal page), run on the same gunicorn as the portal."""

BODY = b"x" * (20 * 1024)
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
