"""Forms of uppföljning, one module per sub-domain. They parse and show input; the rules are the
services' (their domain errors are put back on the form next to the field they concern)."""
