# The two commands of the README: `make gen` regenerates the guide, `make test` runs the tests.
# Each installs what it is missing first (Debian packages, Python packages).

.PHONY: gen test deps test-deps build

# gen runs in every docs build: release, with the Swift runtime linked in (it starts in a third
# of the time it takes to load the shared libraries).
gen: deps
	swift build -c release --static-swift-stdlib --product gen
	.build/release/gen

test: test-deps
	swift test

build: deps
	swift build

deps:
	scripts/install-deps

test-deps:
	scripts/install-deps --tests
