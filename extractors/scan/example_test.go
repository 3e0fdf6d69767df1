package scan_test

import (
	"fmt"

	"github.com/claimwire/claimwire/extractors/scan"
)

func ExampleScanner_Next() {
	src := "In 2025 AWS passed a $15 billion run rate, growing 150 percent, with more than 100,000 customers and 500,000 deployed chips; Claude 3.5 was not a figure."
	var s scan.Scanner
	s.Init(src)
	for {
		f, ok := s.Next()
		if !ok {
			break
		}
		fmt.Printf("%q: %g %s %s %s %v\n", f.Text(src), f.Value, f.Unit, f.Item, f.Qualifier, f.Kind)
	}
	// Output:
	// "$15 billion": 1.5e+10 USD  exact money
	// "150 percent": 150 percent  exact percent
	// "more than 100,000": 100000 count customer more_than count
	// "500,000": 500000 count chip exact count
}

func ExampleScan() {
	src := "Capex will be $10-12 billion, between 30% and 35% of sales; revenue doubled."
	for _, f := range scan.Scan(src) {
		fmt.Printf("%q: %g..%g %s %s\n", f.Text(src), f.Value, f.ValueMax, f.Unit, f.Qualifier)
	}
	// Output:
	// "$10-12 billion": 1e+10..1.2e+10 USD range
	// "between 30% and 35%": 30..35 percent range
	// "doubled": 100..0 percent exact
}
