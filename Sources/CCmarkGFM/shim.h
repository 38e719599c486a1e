// The whole C surface SampleGen uses: the cmark-gfm parser and its GFM extensions
// (tables, autolinks, strikethrough), as packaged by Debian.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
