from django.urls import path

from aviseringar import views

app_name = "aviseringar"
urlpatterns = [
    path("aviseringar/", views.lista, name="lista"),
    path("aviseringar/lasta/", views.markera_lasta, name="markera_lasta"),
    path("aviseringar/installningar/", views.installningar, name="installningar"),
    path("aviseringar/paminnelse/", views.paminnelse, name="paminnelse"),
]
