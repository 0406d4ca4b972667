"""Use cases: one function = one user action = one transaction. DTOs in, DTOs out."""
