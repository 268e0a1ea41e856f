package gofpdf

import (
	"fmt"
	"strconv"
)

// Patched (PATCHES.md): gofpdf writes every drawing operator through
// fmt.Sprintf, a good part of the time a page takes. appendf writes the
// verbs gofpdf's operators use — %s of a string, %d of an int, %.Nf of a
// float64, %% — the way fmt writes them (fmt formats these with the same
// strconv functions), and hands anything else to fmt.Sprintf
// (TestAppendfAsFmt).
func appendf(dst []byte, format string, args ...interface{}) []byte {
	start, n := len(dst), 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			dst = append(dst, c)
			continue
		}
		i++
		if i == len(format) {
			return fmtFallback(dst[:start], format, args)
		}
		prec := -1
		if format[i] == '.' {
			j := i + 1
			for j < len(format) && format[j] >= '0' && format[j] <= '9' {
				j++
			}
			if j == i+1 || j-i > 3 || j == len(format) {
				return fmtFallback(dst[:start], format, args)
			}
			prec, _ = strconv.Atoi(format[i+1 : j])
			i = j
		}
		verb := format[i]
		if verb == '%' && prec < 0 {
			dst = append(dst, '%')
			continue
		}
		if n == len(args) {
			return fmtFallback(dst[:start], format, args)
		}
		arg := args[n]
		n++
		switch v := arg.(type) {
		case string:
			if verb != 's' || prec >= 0 {
				return fmtFallback(dst[:start], format, args)
			}
			dst = append(dst, v...)
		case int:
			if verb != 'd' || prec >= 0 {
				return fmtFallback(dst[:start], format, args)
			}
			dst = strconv.AppendInt(dst, int64(v), 10)
		case float64:
			if verb != 'f' || prec < 0 {
				return fmtFallback(dst[:start], format, args)
			}
			dst = strconv.AppendFloat(dst, v, 'f', prec, 64)
		default:
			return fmtFallback(dst[:start], format, args)
		}
	}
	if n != len(args) {
		return fmtFallback(dst[:start], format, args)
	}
	return dst
}

func fmtFallback(dst []byte, format string, args []interface{}) []byte {
	return append(dst, fmt.Sprintf(format, args...)...)
}
