"""FilterSets of uppföljning, one module per sub-domain, shared by the web lists and the API."""
