"""factory_boy factories for test data beyond the loaded plan."""

import factory
from django.contrib.auth import get_user_model

from plan.choices import OrganisationTyp
from plan.models import Kommun, Medlemskap, Organisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"anvandare{n}")
    password = factory.django.Password("testlosen-123")


def goteborg() -> Kommun:
    """The loaded plan's municipality (fixtures/plan-2019-2022.json)."""
    return Kommun.objects.get(slug="goteborgs-stad")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kommun = factory.LazyFunction(goteborg)
    namn = factory.Sequence(lambda n: f"Testnämnd {n}")
    slug = factory.Sequence(lambda n: f"testnamnd-{n}")
    typ = OrganisationTyp.NAMND


class MedlemskapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medlemskap

    anvandare = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


def demo_users() -> dict:
    """The demo data set's users (fixtures/demo.json), loaded through the real loader."""
    from django.contrib.auth import get_user_model

    from jamlik.management.commands.load_demo import DEFAULT_PATH, load_demo_file

    load_demo_file(DEFAULT_PATH)
    return {u.username: u for u in get_user_model().objects.all()}


def api_key(user) -> str:
    """A fresh API key (knox token) for `user`: the plaintext to send as `Authorization: Token …`."""
    from konto.services import api_nyckel_create

    return api_nyckel_create(user=user)[1]
