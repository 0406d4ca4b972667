"""Thin launcher: `python main.py [--db PATH] [command ...]`."""

from cadre_desk.app import main

if __name__ == "__main__":
    raise SystemExit(main())
