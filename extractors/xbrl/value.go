package xbrl

import (
	"errors"
	"strconv"
	"strings"
)

var errFormat = errors.New("unsupported number format")

// value reads a fact's displayed text by its format, applies scale (a power
// of ten) and sign, and returns the exact figure. The sum is done in decimal
// text ("46743e6") so the float is the one nearest the true value.
func value(display, format, scale, sign string) (float64, error) {
	digits, err := readNumber(display, format)
	if err != nil {
		return 0, err
	}
	exp := 0
	if scale != "" {
		if exp, err = strconv.Atoi(scale); err != nil || exp < -20 || exp > 20 {
			return 0, errFormat
		}
	}
	v, err := strconv.ParseFloat(digits+"e"+strconv.Itoa(exp), 64)
	if err != nil {
		return 0, errFormat
	}
	if sign == "-" {
		v = -v
	}
	if v == 0 {
		v = 0 // no negative zero
	}
	return v, nil
}

// Group separators of the two number formats (read-only after init).
var (
	dotDecimal   = strings.NewReplacer(",", "", " ", "", "\u00a0", "", "'", "")
	commaDecimal = strings.NewReplacer(".", "", " ", "", "\u00a0", "", "'", "")
)

// readNumber returns the plain decimal ("46743", "1.65") a displayed figure
// stands for under its ixt format.
func readNumber(display, format string) (string, error) {
	_, f := splitName(format)
	f = strings.ToLower(f)
	s := strings.TrimSpace(display)
	switch f {
	case "fixed-zero", "zerodash", "fixedzero":
		return "0", nil
	case "numwordsen", "num-word-en":
		return numberWord(s)
	case "", "num-dot-decimal", "numdotdecimal", "numcommadot", "num-dot-decimal-apos":
		s = dotDecimal.Replace(s)
	case "num-comma-decimal", "numcommadecimal", "numdotcomma":
		s = commaDecimal.Replace(s)
		s = strings.Replace(s, ",", ".", 1)
	default:
		return "", errFormat
	}
	if !plainDecimal(s) {
		return "", errFormat
	}
	return s, nil
}

// plainDecimal reports digits with at most one decimal point.
func plainDecimal(s string) bool {
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

var words = map[string]string{
	"no": "0", "none": "0", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
	"five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
	"eleven": "11", "twelve": "12",
}

func numberWord(s string) (string, error) {
	if d, ok := words[strings.ToLower(s)]; ok {
		return d, nil
	}
	return "", errFormat
}
