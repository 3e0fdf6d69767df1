package main

// Subcommands not yet built. Each moves to its own file (extract.go, ingest.go,
// ...) as its issue is done, and its line here is deleted.

import "errors"

var errNotBuilt = errors.New("not built yet")
