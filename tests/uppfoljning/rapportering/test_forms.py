"""Return and reopen: a comment of only spaces is refused with a message that names what to write."""

import pytest

from uppfoljning.forms.rapportering import AteroppnaForm, ReturForm


@pytest.mark.parametrize(
    ("form_class", "field", "message"),
    [
        (ReturForm, "kommentar", "Skriv vad som behöver kompletteras."),
        (AteroppnaForm, "motivering", "Skriv varför rapporten öppnas igen."),
    ],
)
def test_whitespace_only_comment_names_the_field(form_class, field, message):
    form = form_class({"version": "1", field: "   \n\t "})
    assert not form.is_valid()
    assert form.errors == {field: [message]}
