"""工作台: what needs attention today."""
