"""The portal's URLs plus one view that fails, for the tests of the 500 page."""

from django.urls import path

from jamlik.urls import handler404, handler500  # noqa: F401
from jamlik.urls import urlpatterns as portal_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("test-fel/", boom), path("api/test-fel/", boom), *portal_urlpatterns]
