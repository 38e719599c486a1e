# The guide as a Sphinx site (MyST Markdown), its samples in sphinx-design tab sets that gen
# fills (`gen docs-site/sphinx`, checked by `make test`). Build: sphinx-build -W docs-site/sphinx OUT
project = "Getting an access token"
extensions = ["myst_parser", "sphinx_design"]
# sphinx-design's tab sets are written as colon fences (::::{tab-set}).
myst_enable_extensions = ["colon_fence"]
# Build output goes outside the source folder; nothing else here is a page (samples/ holds the
# complete programs gen writes, which the guide links to as downloads; its READMEs are not pages).
exclude_patterns = ["_build", "samples"]
