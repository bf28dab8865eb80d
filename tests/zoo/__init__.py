"""The layout zoo: disclosures rendered by other producers than the test generator's reportlab.

Published disclosures come out of WPS, ONLYOFFICE, LibreOffice, Excel sheets printed to PDF and
HTML pages printed by a browser; each lays out the same tables differently (ruled sheets with
merged cells, titles inside the grid, wrapped cells, reflowed paragraphs). Each module of
:mod:`tests.zoo.variants` describes layout variants as specs and renders them through a
producer of :mod:`tests.zoo.producers`; ``python -m tests.zoo.build`` writes every variant's PDF
and what a correct parse of it reports (from the spec, never from an answer key) to
``tests/zoo/pdf/``. The PDFs are committed, so the suite (``tests/zoo/test_zoo.py``) needs
neither LibreOffice nor WeasyPrint; rebuilding them does (``requirements-zoo.txt``, Debian's
libreoffice-calc, libreoffice-writer and a CJK font such as fonts-noto-cjk).
"""
