"""Compiling the follow-up report (sammanställning): data (one snapshot), diagram (SVG charts),
render (HTML, PDF, XLSX) and jobb (the job: progress, ownership, publishing through storage)."""
