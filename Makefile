# The two commands of the README: `make gen` regenerates the guide, `make test` runs the tests.
# Each installs what it is missing first (Debian packages, Python packages).

.PHONY: gen test lint deps test-deps build

# gen runs in every docs build: release, with the Swift runtime linked in (it starts in a third
# of the time it takes to load the shared libraries).
gen: deps
	swift build -c release --static-swift-stdlib --product gen
	.build/release/gen

# The house style (.swift-format) first: it takes seconds, the suite minutes.
test: test-deps lint
	swift test

lint:
	swift format lint --strict --recursive --parallel Package.swift Sources Tests

build: deps
	swift build

deps:
	scripts/install-deps

test-deps:
	scripts/install-deps --tests
