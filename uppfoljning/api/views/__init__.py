"""API viewsets of uppföljning, one module per sub-domain."""
