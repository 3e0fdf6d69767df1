//go:build !unix

package web_test

import "time"

// cpuTime is not measured here; the benchmark then reports no per-CPU figure.
func cpuTime() time.Duration { return 0 }
