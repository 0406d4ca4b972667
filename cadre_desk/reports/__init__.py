"""Printed documents (reportlab): fonts, the shared page template, and the documents themselves.

- `fonts`: the embedded fonts, registered once per process, with per-glyph fallback for rare characters.
- `page`: A4 pages with the confidentiality mark, title, `第 X 页 共 Y 页`, print time and operator;
  metadata and bookmarks (`build_pdf`, `DocumentInfo`, `Bookmark`).
- `cells`, `grid`: text fitted into ruled cells, and stacked ruled tables for forms.
- `appointment_form`: the 干部任免审批表 drawn to the official template's grid, always two pages
  (`build_appointment_form`; its options and `FormTooLong` in `appointment_options`, the grid, layout
  and drawing in `appointment_grid`, `appointment_layout`, `appointment_drawing`); `form_fit` sets
  its text at the official sizes, and its text rules are the pure functions of `form_text`.

This package never imports Qt: the GUI, the CLI and batch workers all call it the same way.
"""
