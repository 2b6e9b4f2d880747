"""Compiled reports: the province's result report and a unit's own report as .docx (from an
editable docxtpl template, in the format of NĐ 30/2020) with charts, and the .xlsx appendix.
`data` gathers, `charts` draws, `template` builds and checks templates, `render` writes the
document, `appendix` the workbook."""
