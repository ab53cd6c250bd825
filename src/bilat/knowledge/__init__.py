"""The knowledge layer: one record from many reports (DESIGN §2, "Canonical event").

Entities linked across documents (``entities``, ``resolve``), per-document events placed
into canonical events (``reports``, ``cluster``, ``record``), disagreements between
sources (``conflicts``), and the views built on them (``timeline``, ``dossier``). It
reads the per-document extractions and writes only its own derived tables; it never
runs NLP.
"""
