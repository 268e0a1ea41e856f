package briefing

import (
	"math/rand"
	"strings"
	"testing"
)

// TestEscapeFastPath: the strings plainMarkdown lets through are those
// escapeMarkdown returns unchanged, over random strings of the characters
// that matter and the dataset's own kinds of text.
func TestEscapeFastPath(t *testing.T) {
	parts := []string{"a", "Z", " ", "  ", "\t", "\n", "\r", "-", "+", "=", "1", "2023", ".", ")", "*", "_", "[", "]",
		"<", ">", "|", "#", "!", "~", "&", "{", "}", "\\", "`", "\u00a0", "–", "$1.5 billion", "\xff", "é"}
	cases := []string{"", "plain text", "Lazarus Group", "2023. A year", "2023 was", "-1", " lead", "trail ", "a  b"}
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(6) + 1 {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		cases = append(cases, b.String())
	}
	plain := 0
	for _, s := range cases {
		want := escapeMarkdown(s)
		if got := escape(s); got != want {
			t.Fatalf("escape(%q) = %q, escapeMarkdown: %q", s, got, want)
		}
		if plainMarkdown(s) {
			plain++
			if want != s {
				t.Fatalf("plainMarkdown(%q), but escapeMarkdown changes it to %q", s, want)
			}
		}
	}
	if plain < 100 {
		t.Fatalf("only %d of %d strings took the fast path", plain, len(cases))
	}
}
