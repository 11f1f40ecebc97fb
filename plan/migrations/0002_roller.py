"""The portal's roles exist on every installation, demo data or not.

Planägare (stadsledningskontoret's plan owners) is a group: membership makes a user a planägare
(plan.rules.is_planagare), whose permissions the rules give. Tjänsteperson and samordnare are not
groups: they follow from a user's organisation (Medlemskap) and its roles in the plan."""

from django.db import migrations

PLANAGARE_GRUPP = "Planägare"  # plan.choices.PLANAGARE_GRUPP, frozen here as migrations must be


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=PLANAGARE_GRUPP)


class Migration(migrations.Migration):
    dependencies = [
        ("plan", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
