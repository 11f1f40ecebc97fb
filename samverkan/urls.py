from django.urls import path

from samverkan import views

app_name = "samverkan"
urlpatterns = [
    path("matris/", views.matris, name="matris"),
    path("samverkansaktiviteter/<slug:slug>/", views.samverkansaktivitet_detail, name="samverkansaktivitet"),
]
