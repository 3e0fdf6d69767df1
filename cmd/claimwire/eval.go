package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors"
)

// evalDoc is one line of a gold directory's docs.jsonl.
type evalDoc struct {
	Doc       string `json:"doc"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Kind      string `json:"kind"`
	File      string `json:"file"`
}

// runEval extracts every document of a gold directory (docs.jsonl, gold.jsonl,
// docs/) and prints precision, recall and F1 at the figure, claim and full
// tiers; --misses N lists what was missed and what was wrongly found.
func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("eval", e)
	misses := fs.Int("misses", 0, "list N misses and N false positives")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"eval takes one gold directory"}
	}
	dir := pos[0]
	var docs []evalDoc
	if err := evalReadGlob(filepath.Join(dir, "docs*.jsonl"), &docs); err != nil {
		return err
	}
	var gold []extractors.GoldClaim
	if err := evalReadGlob(filepath.Join(dir, "gold*.jsonl"), &gold); err != nil {
		return err
	}
	if len(docs) == 0 {
		return fmt.Errorf("%s: no documents (docs.jsonl)", dir)
	}
	preds := map[string][]claim.Claim{}
	names := make([]string, 0, len(docs))
	errs := 0
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		names = append(names, d.Doc)
		raw, err := os.ReadFile(filepath.Join(dir, d.File))
		if err == nil {
			var doc claim.Document
			doc, err = extractors.Read(raw, claim.Source{URL: d.URL, Published: d.Published, Kind: d.Kind})
			if err == nil {
				preds[d.Doc] = extractors.Extract(doc)
			}
		}
		if err != nil {
			errs++
			fmt.Fprintf(e.stdout, "error: %s: %v\n", d.Doc, err)
		}
	}
	s := extractors.Evaluate(names, gold, preds)
	printEvalScore(e.stdout, s, errs, *misses)
	return nil
}

// parseInterspersed parses flags that may also follow the positional
// arguments ("eval DIR --misses 20") and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// evalReadGlob decodes every line of the files matching pattern into out
// (a pointer to a slice).
func evalReadGlob[T any](pattern string, out *[]T) error {
	files, err := filepath.Glob(pattern)
	if err != nil {
		return fmt.Errorf("glob %s: %w", pattern, err)
	}
	sort.Strings(files)
	for _, f := range files {
		if err := evalReadJSONL(f, out); err != nil {
			return err
		}
	}
	return nil
}

func evalReadJSONL[T any](path string, out *[]T) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, extractPathErr(err))
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var v T
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
		*out = append(*out, v)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

func printEvalScore(w io.Writer, s extractors.Score, errs, misses int) {
	fmt.Fprintf(w, "docs %d  gold %d  predicted %d  errors %d\n", s.Docs, s.Gold, s.Pred, errs)
	if misses > 0 {
		fmt.Fprintln(w, "-- misses / wrong --")
		for i, m := range s.Misses {
			if i >= misses {
				break
			}
			subj := ""
			if len(m.Gold.Subject) > 0 {
				subj = m.Gold.Subject[0]
			}
			got := ""
			if m.Got != nil {
				got = fmt.Sprintf(" -> got %s %s %s q=%s b=%s m=%s", m.Got.Metric, m.Got.Subject, claim.FormatValue(*m.Got), m.Got.Qualifier, m.Got.Basis, m.Got.Modality)
			}
			fmt.Fprintf(w, "  %s: %q %s %s q=%s b=%s m=%s%s\n", m.Doc, m.Gold.Figure, m.Gold.Metric, subj, m.Gold.Qualifier, m.Gold.Basis, m.Gold.Modality, got)
			fmt.Fprintf(w, "      | %s\n", extractCell(m.Gold.Quote, 160))
		}
		fmt.Fprintln(w, "-- false positives --")
		for i, fp := range s.FalsePositives {
			if i >= misses {
				break
			}
			fmt.Fprintf(w, "  %s: %s %s %s | %s\n", fp.Doc, claim.FormatValue(fp.Claim), fp.Claim.Metric, fp.Claim.Subject, extractCell(fp.Claim.Quote, 90))
		}
	}
	fmt.Fprintf(w, "%-7s %9s %7s %6s\n", "tier", "precision", "recall", "F1")
	for _, t := range s.Tiers {
		fmt.Fprintf(w, "%-7s %9.3f %7.3f %6.3f\n", t.Name, t.Precision, t.Recall, t.F1)
	}
}
