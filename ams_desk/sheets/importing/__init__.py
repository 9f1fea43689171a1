"""The sign-up import, one stage per module, in the order a sheet goes through them.

1. **read** — :mod:`~ams_desk.sheets.importing.read`: decide what the file is
   from its bytes (``sniff``), check an xlsx before any parser sees it
   (``zip_guard``, ``guards``, ``sheet_scan``), and turn the file into headers
   and rows of plain values (``csv_reader``, ``xlsx_reader``, ``table``).
2. **map** — :mod:`~ams_desk.sheets.importing.mapping`: which column holds
   which AMS field (:mod:`~ams_desk.sheets.importing.fields`), guessed from the
   headers (:mod:`~ams_desk.sheets.importing.headers`) and the values.
3. **parse** — :mod:`~ams_desk.sheets.importing.parse`: every mapped cell
   cleaned and checked, with the cell readers of
   :mod:`~ams_desk.sheets.importing.cells` (text, emails, dates, choices).
4. **resolve** — :mod:`~ams_desk.sheets.importing.resolve`: what each row does
   against what is stored (:mod:`~ams_desk.sheets.importing.outcome`).
5. **preview** — :mod:`~ams_desk.sheets.importing.preview`: every row's outcome
   before anything is written.
6. **apply** — :mod:`~ams_desk.sheets.importing.apply`: write it in one
   transaction, and the report.

:mod:`~ams_desk.sheets.importing.importer` runs all stages in one call (the
CLI, the benchmark) and chooses the mapping (saved profile or guess); the
wizard runs them one by one. :mod:`~ams_desk.sheets.importing.errors` serves every stage, and the
bulk steps pause the cyclic collector with :func:`ams_desk.store.bulk.paused_gc`.
"""
