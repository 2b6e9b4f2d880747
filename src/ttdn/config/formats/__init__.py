"""Date and number formats per locale: dd/mm/yyyy and "100.000.000" in every language we serve."""
