"""API serializers of uppföljning, one module per sub-domain. They parse and present; the rules are the services'."""
