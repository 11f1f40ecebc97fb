from django.urls import path

from uppfoljning.views import public

app_name = "uppfoljning"
urlpatterns = [
    path("styrningsaktiviteter/<slug:slug>/", public.styrningsaktivitet_detail, name="styrningsaktivitet"),
]
