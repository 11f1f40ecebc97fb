"""Reads of uppföljning, one module per sub-domain: rapportering (periods, status reports,
completeness), utvardering (process evaluations), sammanstallning (compiled follow-up reports)."""
