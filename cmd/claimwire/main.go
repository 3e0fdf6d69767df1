// Command claimwire reads news articles and company filings and turns the figures
// they assert into a queryable, subscribable database of claims.
//
// It is the only place that wires the project's packages together: each
// subcommand lives in its own file with a run function of the same shape.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// env is what a subcommand sees of the outside world; tests build their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// isTerminal reports whether stdout is a terminal (tables and progress bars).
	isTerminal bool
}

type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]command{
	"extract":  {"print the claims (or --figures) of one HTML or text document", runExtract},
	"eval":     {"score extraction against a gold directory (precision/recall/F1)", runEval},
	"ingest":   {"extract and store documents (files, directories, URLs)", runIngest},
	"query":    {"query stored claims", runQuery},
	"facts":    {"list facts with corroboration and conflicts", runFacts},
	"timeline": {"print a subject's metric over time with sources", runTimeline},
	"crawl":    {"crawl the configured sources (--once to run due sources and exit)", runCrawl},
	"sources":  {"list configured sources with their crawl state", runSources},
	"demo":     {"serve fixtures/web on 127.0.0.1 and crawl it offline", runDemo},
	"run":      {"run the whole pipeline on NATS (embedded server by default)", runRun},
	"worker":   {"run some pipeline roles: --role scheduler,fetch,store", runWorker},
	"watch":    {"subscribe to new-figure events", runWatch},
	"serve":    {"serve the HTTP API and the claims explorer page", runServe},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], &env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv: os.Getenv, isTerminal: stdoutIsTerminal(),
	})
	stop()
	os.Exit(code)
}

// Main runs one subcommand and returns the process exit code.
func Main(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "claimwire: unknown command %q\n", args[0])
		usage(e.stderr)
		return 2
	}
	if err := cmd.run(ctx, e, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		var ue usageError
		fmt.Fprintf(e.stderr, "claimwire %s: %v\n", args[0], err)
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: claimwire <command> [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'claimwire <command> -h' for a command's flags.")
}

// usageError marks a bad command line (exit code 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("claimwire "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parseFlags parses args, turning a flag error into a usageError.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}
