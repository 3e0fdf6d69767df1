package main

// Subcommands not yet built. Each moves to its own file (extract.go, ingest.go,
// ...) as its issue is done, and its line here is deleted.

import (
	"context"
	"errors"
)

var errNotBuilt = errors.New("not built yet")

func runServe(ctx context.Context, e *env, args []string) error { return errNotBuilt }
