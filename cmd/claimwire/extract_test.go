package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

// run calls Main with stdin and returns exit code, stdout and stderr.
func run(t *testing.T, stdin string, terminal bool, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, &env{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" }, isTerminal: terminal,
	})
	return code, out.String(), errb.String()
}

const globexText = "Globex posts record quarter\nGlobex reported third-quarter revenue of $8.4 billion, up 21% from a year earlier.\n"

func TestExtractJSONL(t *testing.T) {
	code, out, errs := run(t, globexText, false, "extract", "--url", "https://news.example/g", "--published", "2025-10-30", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 claims, got:\n%s", out)
	}
	var c claim.Claim
	if err := json.Unmarshal([]byte(lines[0]), &c); err != nil {
		t.Fatal(err)
	}
	if c.Subject != "Globex" || c.Metric != claim.Revenue || c.Value != 8.4e9 || c.Period != "2025-Q3" ||
		c.Source.URL != "https://news.example/g" || c.Source.Published != "2025-10-30" || c.Figure() != "$8.4 billion" {
		t.Errorf("claim = %+v", c)
	}
	// the schema's field names, and nothing else
	var m map[string]any
	json.Unmarshal([]byte(lines[1]), &m)
	for k := range m {
		switch k {
		case "id", "subject", "segment", "metric", "value", "value_max", "unit", "item", "qualifier", "period",
			"basis", "modality", "attribution", "counterparty", "quote", "span", "source":
		default:
			t.Errorf("unexpected field %q", k)
		}
	}
}

func TestExtractTable(t *testing.T) {
	// a terminal gets the table by default
	code, out, _ := run(t, globexText, true, "extract", "-")
	if code != 0 || !strings.Contains(out, "SUBJECT") || !strings.Contains(out, "$8.4B") || !strings.Contains(out, "21%") {
		t.Fatalf("exit %d, table:\n%s", code, out)
	}
	code, out, _ = run(t, globexText, false, "extract", "--format", "table", "-")
	if code != 0 || !strings.Contains(out, "revenue") {
		t.Fatalf("--format table: exit %d\n%s", code, out)
	}
}

func TestExtractFigures(t *testing.T) {
	code, out, _ := run(t, globexText, false, "extract", "--figures", "-")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got []figureJSON
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var f figureJSON
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatal(err)
		}
		got = append(got, f)
	}
	if len(got) != 2 {
		t.Fatalf("figures = %+v", got)
	}
	for _, f := range got {
		if globexText[f.Start:f.End] != f.Text {
			t.Errorf("offsets %d:%d are %q, not %q", f.Start, f.End, globexText[f.Start:f.End], f.Text)
		}
	}
	if got[0].Unit != "USD" || got[0].Value != 8.4e9 || got[1].Unit != "percent" {
		t.Errorf("figures = %+v", got)
	}
}

func TestExtractNoClaims(t *testing.T) {
	code, out, errs := run(t, "Schedule\nDoors open at 9:30 on March 3, 2026.\n", false, "extract", "-")
	if code != 0 || out != "" || errs != "" {
		t.Fatalf("exit %d, out %q, err %q", code, out, errs)
	}
}

func TestExtractErrors(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "x.bin")
	os.WriteFile(bin, []byte("\x00\x01\x02\x03PK\x03\x04\x00\x00"), 0o644)
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, bytes.Repeat([]byte("Revenue was $5 billion. "), 100), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, 1, "no such file"},
		{"binary", []string{"extract", bin}, 1, "binary"},
		{"too large", []string{"extract", "--max-bytes", "100", big}, 1, "too large"},
		{"directory", []string{"extract", dir}, 1, "directory"},
		{"bad format", []string{"extract", "--format", "xml", big}, 2, "format"},
		{"two files", []string{"extract", big, big}, 2, "one FILE"},
		{"bad date", []string{"extract", "--published", "2025-13-45", big}, 2, "published"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, "", false, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) || out != "" {
				t.Fatalf("exit %d (want %d), stdout %q, stderr %q (want %q)", code, tt.code, out, errs, tt.want)
			}
			if tt.code == 1 && strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("error is not one line: %q", errs)
			}
		})
	}
}

// TestExtractFileURL names a file's claims by its file:// URL, as ingest
// does, so the same file gets the same claim ids from both commands.
func TestExtractFileURL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "globex.txt")
	if err := os.WriteFile(path, []byte(globexText), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", false, "extract", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var c claim.Claim
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &c); err != nil {
		t.Fatal(err)
	}
	if want := "file://" + filepath.ToSlash(path); c.Source.URL != want {
		t.Errorf("source.url = %q, want %q", c.Source.URL, want)
	}
	if c.ID != claim.NewID(c.Source.URL, c.Quote, c.Span, c.Metric) {
		t.Errorf("id %s is not the id of its own source and quote", c.ID)
	}
	// stdin has no name: no URL is made up
	_, out, _ = run(t, globexText, false, "extract", "-")
	if strings.Contains(out, "file://") {
		t.Errorf("stdin got a file URL: %s", out)
	}
}
