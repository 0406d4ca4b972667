# Cadre Desk: `make run` starts the app, `make test` runs the whole suite headless.
# Both create the virtual environment and install what is missing, system packages included (apt-get).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

# Qt's runtime libraries (even offscreen), a real X server for screenshots, the CJK font, poppler for
# reading PDFs back, PostgreSQL for the second-engine tests, and venv support for Debian's Python;
# binutils (objdump) for the bundle's library check, debootstrap for `make dist-test`'s bare root.
SYSTEM_PACKAGES := libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-render-util0 libxcb-shape0 libxcb-xkb1 xvfb xauth \
	fonts-wqy-microhei poppler-utils postgresql python3-venv binutils debootstrap

.PHONY: run test lint system-packages venv demo bench bench-gui screenshots clean dist dist-test

run: system-packages venv
	$(BIN)/cadre-desk $(ARGS)

test: system-packages venv
	@bash tools/run-tests

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check cadre_desk tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

venv: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: system-packages venv
	$(BIN)/cadre-desk $(ARGS) demo --cadres 300

bench: system-packages venv
	$(BIN)/python benchmarks/bench_demo.py --cadres 10000
	$(BIN)/python benchmarks/bench_core.py --db /tmp/cadre-bench-10k.db

# PNGs of every page on a 300-cadre demo database, for the README: a real X server (Xvfb), zh_CN.
screenshots: system-packages venv
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python tools/screenshots.py --out docs/screenshots

# Start-up, page switching and memory of the GUI on a large demo database (DB=path).
DB ?= /tmp/cadre-bench-10k.db
bench-gui: system-packages venv
	$(BIN)/python benchmarks/bench_gui.py --db $(DB)

# Offline packages in dist/: the wheel and a wheelhouse with install scripts, the bundled program
# (PyInstaller) as a .deb and as a portable .tar.gz. See README "Installing offline".
dist: system-packages venv
	$(BIN)/python tools/dist.py $(ARGS)

# The packages as a clerk meets them: the .deb and the portable archive in a bare Debian 12 root
# without network, the window under Xvfb, and an upgrade to a next version that keeps the data.
dist-test: dist
	$(BIN)/python tools/dist_test.py $(ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
