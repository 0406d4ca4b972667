"""The audit viewer (审计日志) for the auditor role: filters, a record's history, the chain, Excel export."""
