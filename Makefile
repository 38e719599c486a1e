# The two commands of the README: `make gen` regenerates the guide, `make test` runs the tests.
# Each installs what it is missing first (Debian packages, Python packages).

.PHONY: gen test deps test-deps build

gen: deps
	swift build --product gen
	.build/debug/gen

test: test-deps
	swift test

build: deps
	swift build

deps:
	scripts/install-deps

test-deps:
	scripts/install-deps --tests
