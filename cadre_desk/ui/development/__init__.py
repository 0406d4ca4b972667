"""The development registers: 到龄 (retirement months), training compliance."""
