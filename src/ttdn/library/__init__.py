"""CSDL TTĐN: the foreign-information database (content items, translations, revisions, media),
its editorial workflow, search, and the public multilingual portal, feeds and API."""
