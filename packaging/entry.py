"""The bundled program's entry point (PyInstaller). Kept outside the source tree's root so that the
bundle is analysed from the installed wheel, not from the checkout."""

from cadre_desk.app import main

if __name__ == "__main__":
    raise SystemExit(main())
