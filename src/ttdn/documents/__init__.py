"""Legal documents and the citations between them: the cascade from a Politburo conclusion down
to a city plan. Each imported plan is a Document; the documents it cites are deduplicated by their
normalised number and year of issue
(`numbers.document_number_key`, `selectors.document_find`)."""
