package claim

import (
	"math"
	"strconv"
	"strings"
)

// FormatValue renders a claim's value for people: $15.0B, 150%, 500K chips,
// 5.0 GW, $1.43/share, 3x. A range renders both ends.
func FormatValue(c Claim) string {
	s := formatOne(c.Value, c.Unit, c.Item)
	if c.ValueMax != nil {
		s = formatOne(c.Value, c.Unit, "") + "–" + formatOne(*c.ValueMax, c.Unit, c.Item)
	}
	return s
}

var currencySign = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "TWD": "NT$", "CNY": "CN¥", "INR": "₹"}

func formatOne(v float64, unit, item string) string {
	switch {
	case unit == Percent:
		return trimNum(v, 1) + "%"
	case unit == PP:
		return trimNum(v, 1) + " pp"
	case unit == Times:
		return trimNum(v, 1) + "x"
	case unit == Watt:
		return scaled(v, []string{"W", "kW", "MW", "GW", "TW"}, " ")
	case unit == Count:
		s := scaled(v, []string{"", "K", "M", "B", "T"}, "")
		if strings.HasSuffix(s, ".0K") || strings.HasSuffix(s, ".0M") || strings.HasSuffix(s, ".0B") {
			s = s[:len(s)-3] + s[len(s)-1:]
		}
		if item != "" {
			s += " " + plural(item, v)
		}
		return s
	case strings.HasSuffix(unit, "/share"):
		cur := strings.TrimSuffix(unit, "/share")
		return money(cur, strconv.FormatFloat(v, 'f', 2, 64)) + "/share"
	case len(unit) == 3 && strings.ToUpper(unit) == unit:
		return money(unit, scaled(v, []string{"", "K", "M", "B", "T"}, ""))
	}
	return trimNum(v, 2) + " " + unit
}

func money(cur, num string) string {
	neg := strings.HasPrefix(num, "-")
	num = strings.TrimPrefix(num, "-")
	sign, ok := currencySign[cur]
	s := sign + num
	if !ok {
		s = num + " " + cur
	}
	if neg {
		s = "-" + s
	}
	return s
}

// scaled prints v with one decimal in the largest step of 1000 that keeps it >= 1.
func scaled(v float64, steps []string, sep string) string {
	a := math.Abs(v)
	i := 0
	for a >= 1000 && i < len(steps)-1 {
		a /= 1000
		v /= 1000
		i++
	}
	if i == 0 {
		return trimNum(v, 2) + sep + steps[0]
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + sep + steps[i]
}

func trimNum(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func plural(item string, v float64) string {
	if v == 1 || item == "" {
		return item
	}
	switch {
	case strings.HasSuffix(item, "s"), strings.HasSuffix(item, "x"), strings.HasSuffix(item, "ch"), strings.HasSuffix(item, "sh"):
		return item + "es"
	case strings.HasSuffix(item, "y") && len(item) > 1 && !strings.ContainsRune("aeiou", rune(item[len(item)-2])):
		return item[:len(item)-1] + "ies"
	}
	return item + "s"
}
