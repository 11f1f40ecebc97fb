"""Web views of uppföljning, one module per sub-domain: rapportering, utvardering, sammanstallning."""
