from django.urls import path

from plan import views

app_name = "plan"
urlpatterns = [
    path("", views.start, name="start"),
    path("malomraden/<slug:slug>/", views.malomrade_detail, name="malomrade"),
    path("strategier/<slug:slug>/", views.strategi_detail, name="strategi"),
    path("organisationer/<slug:slug>/", views.organisation_detail, name="organisation"),
]
