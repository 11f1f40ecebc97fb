"""Web views of uppföljning, one module per area: public.py (public pages), rapportering.py, rapporter.py."""
