"""Writes of uppföljning, one module per sub-domain: specifikation (the follow-up the plan
prescribes, loaded from its fixture), rapportering (periods, status reports and their workflow),
utvardering (process evaluations), sammanstallning (starting compilations of the follow-up report)."""
