"""Accounts in the window: the first administrator, signing in, the idle lock, passwords, and the
administrators' account management (the services decide; these only ask and show)."""
