"""One structured log line per request: method, route, status, duration. The path is logged
without its query string and the user only as a numeric id, so logs hold no personal data."""

import logging
import time

logger = logging.getLogger("jamlik.request")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "event": "request",
                "method": request.method,
                "path": request.path,
                "route": match.view_name if match else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response
