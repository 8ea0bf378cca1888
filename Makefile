# Vertrouwd — the two commands: `make run` and `make test`.
# Both install what is missing on a Debian/Ubuntu machine first.

SHELL := /bin/bash
.DEFAULT_GOAL := help

APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential file pkg-config libxdo-dev libssl-dev \
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver poppler-utils \
  qpdf python3-venv xdotool rpm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VENV := .venv
APP_BIN := target/debug/vertrouwd-app
CLI_BIN := target/debug/vertrouwd
CARGO_HOME_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin

.PHONY: help run test bench package package-files bindings deps deps-system deps-node deps-python deps-driver ui app lint test-rust test-ui test-python test-e2e test-package bench-footprint clean

help:
	@echo "make run    install what is missing, build and start Vertrouwd"
	@echo "make test   install what is missing and run every test (what CI runs)"
	@echo "make bench  run the benchmarks (release mode)"
	@echo "make package  build the .deb and .rpm (target/release/bundle/)"
	@echo "make bindings  regenerate ui/src/lib/api/types.ts from the Rust types"

## Installing what is missing ------------------------------------------------

deps: deps-system deps-node deps-python deps-driver

deps-system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v npm >/dev/null || { DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	@command -v cargo >/dev/null || { echo "Rust (cargo) is needed: see https://rustup.rs"; exit 1; }

deps-node: ui/node_modules/.installed

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm install --no-audit --no-fund
	@touch $@

deps-python: $(VENV)/.installed

$(VENV)/.installed: tests/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -r tests/requirements.txt
	@touch $@

deps-driver:
	@command -v tauri-driver >/dev/null || [ -x $(CARGO_HOME_BIN)/tauri-driver ] || cargo install tauri-driver --locked

## Building --------------------------------------------------------------------

ui: deps-node
	cd ui && npm run build

# The desktop app with the built UI inside the binary, the command line, and
# the program that draws PDF attachments in a process of its own.
app: ui
	cargo build -p vertrouwd-app --features custom-protocol
	cargo build -p vertrouwd-cli -p vertrouwd-pdf --bins

run: deps-system deps-node app
	$(APP_BIN)

## Packages --------------------------------------------------------------------

# What the packages install beside the app (tauri.conf.json > bundle > linux
# > deb/rpm > files): the command line and the PDF preview program, and the
# man pages and shell completions made from the command's own definitions.
PACKAGE_FILES := target/package
TAURI := $(CURDIR)/ui/node_modules/.bin/tauri

package-files:
	cargo build --release -p vertrouwd-cli -p vertrouwd-pdf --bins
	rm -rf $(PACKAGE_FILES) && mkdir -p $(PACKAGE_FILES)/completions
	target/release/vertrouwd generate man --out-dir $(PACKAGE_FILES)/man1
	gzip -9n $(PACKAGE_FILES)/man1/*.1
	target/release/vertrouwd generate completions bash > $(PACKAGE_FILES)/completions/vertrouwd.bash
	target/release/vertrouwd generate completions zsh > $(PACKAGE_FILES)/completions/_vertrouwd
	target/release/vertrouwd generate completions fish > $(PACKAGE_FILES)/completions/vertrouwd.fish

# The release app (release profile: LTO, one codegen unit, stripped) in a
# .deb and an .rpm, in target/release/bundle/. The .msi and .dmg are
# configured too but need Windows or macOS to build.
package: deps-system deps-node package-files
	cd src-tauri && $(TAURI) build --bundles deb,rpm
	@ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm

## Testing (CI runs exactly `make test`) ---------------------------------------

test: deps ui lint test-rust test-ui app test-python test-e2e test-package
	@echo "All tests passed."

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

test-rust:
	cargo build -p vertrouwd-cli -p vertrouwd-pdf --bins
	cargo test

test-ui: deps-node
	cd ui && npm run check && npm test

test-python: deps-python
	$(VENV)/bin/pytest -q tests/python

test-e2e: deps-python deps-driver
	PATH="$(CARGO_HOME_BIN):$$PATH" xvfb-run -a -s "-screen 0 1280x900x24" $(VENV)/bin/pytest -q -m "not package" tests/e2e

# The .deb installed, started, used and removed: it changes the machine, so
# only as root or with sudo without a password.
test-package: deps-python deps-driver
	@if [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then \
	  $(MAKE) package && \
	  PATH="$(CARGO_HOME_BIN):$$PATH" xvfb-run -a -s "-screen 0 1280x900x24" $(VENV)/bin/pytest -q -rs -m package tests/e2e; \
	else \
	  echo "test-package: skipped: installing a package needs root or sudo without a password"; \
	fi

bench: bench-footprint
	cargo bench -p vertrouwd-vault -p vertrouwd-pdf -p vertrouwd-core

# The release app against the smallest Tauri window of this workspace: size,
# start time and memory (tests/bench/footprint.py; figures, not tests).
bench-footprint: deps-python ui
	cargo build --release -p vertrouwd-app --features custom-protocol --bin vertrouwd-app --example minimal_window
	cargo build --release -p vertrouwd-cli -p vertrouwd-pdf --bins
	xvfb-run -a -s "-screen 0 1280x900x24" $(VENV)/bin/python tests/bench/footprint.py

bindings:
	UPDATE_BINDINGS=1 cargo test -p vertrouwd-core --test core typescript

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules $(VENV)
