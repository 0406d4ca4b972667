"""Printing from the client: building case files in the background, the PDF preview."""
