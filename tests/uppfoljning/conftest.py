import pytest

from tests.factories import demo_users


@pytest.fixture
def demo(plan):
    """Demo users and reports: tjansteperson (Kulturnämnden), tjansteperson2 (Socialnämnden Nordost),
    samordnare (Grundskolenämnden), stadsledningskontoret (Planägare), admin."""
    return demo_users()
