package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/ioerr"
	"github.com/dprkreport/dprkreport/report"
)

// articleMeta is what --add-article is told about the article.
type articleMeta struct {
	id, url, outlet, title, published string
}

// newSource is the source record --add-article appends.
type newSource struct {
	articleMeta
	archive    string
	paragraphs int
	sha256     string
	retrieved  string
}

// addArticle archives an article into DIR/archive/ID.txt, prints its
// numbered paragraphs and appends its source record to DIR/sources.toml.
// Every check runs before anything is written; the two files are then
// written through a staging, so a failure leaves both as they were.
func addArticle(cfg config, stdout io.Writer, u *ui) error {
	dir := cfg.data
	blocks, pg, fileSum, err := readArticle(cfg.addArticle)
	if err != nil {
		return err
	}
	archived := dataset.ArchiveCopy(blocks)
	paras := dataset.Paragraphs(string(archived))
	if len(paras) == 0 {
		return failure(fmt.Errorf("--add-article %s: no text found", cfg.addArticle), "the page may draw its text with scripts: save the article's text as a .txt file, one paragraph a line")
	}
	srcPath := filepath.Join(dir, dataset.FileSources)
	old, err := dataset.ReadFile(os.DirFS(dir), dataset.FileSources, dataset.MaxFileSize)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", srcPath, ioerr.Cause(err))
	}
	sources, err := dataset.DecodeSources(old)
	if err != nil {
		return failure(fmt.Errorf("%s:%w", srcPath, err), "fix sources.toml first: --add-article appends to it")
	}
	src := newSource{articleMeta: cfg.article, paragraphs: len(paras), sha256: dataset.Hash(archived)}
	if err := src.fill(pg, paras[0], sources, cfg.env.sourceDateEpoch); err != nil {
		return err
	}
	if err := duplicate(dir, src, fileSum, sources); err != nil {
		return err
	}
	src.archive = src.id + ".txt"
	archivePath := filepath.Join(dir, "archive", src.archive)
	if _, err := os.Lstat(archivePath); err == nil {
		return failure(fmt.Errorf("%s exists, and no source names it", archivePath), "choose another --id, or move the file away")
	}
	updated := appendRecord(old, src)
	if err := sameRecord(updated, len(sources), src); err != nil {
		return err
	}
	st := &staging{}
	defer st.discard()
	for _, f := range []struct {
		path string
		data []byte
	}{{archivePath, archived}, {srcPath, updated}} {
		w, err := st.open(&artifact{path: f.path})
		if err == nil {
			_, err = w.Write(f.data)
		}
		if err != nil {
			return err
		}
	}
	if err := st.commit(io.Discard); err != nil {
		return err
	}
	printParagraphs(stdout, paras)
	u.infof("wrote %s (%s, sha256 %s) and added source %q to %s", archivePath, report.Plural(len(paras), "paragraph"), src.sha256[:12]+"…", src.id, srcPath)
	if pg.wrapped {
		u.infof("note: %s is hard-wrapped (blank lines between blocks of several lines): each block became one paragraph", cfg.addArticle)
	}
	u.infof("next: set reliability and reliability_reason, check title, outlet and published, cite it (para = the numbers above), then run dprkreport --data %s --check", dir)
	return nil
}

// fill completes the record from the page and the dataset: the outlet
// and date a page gives, the title from the first paragraph, the day of
// retrieval, and an id built from outlet and date.
func (s *newSource) fill(pg page, first string, sources []*dataset.Source, epoch string) error {
	if s.url == "" && pg.url != "" {
		if webAddress(pg.url) {
			s.url = pg.url
		}
	}
	if s.outlet == "" {
		s.outlet = pg.site
	}
	if s.published == "" {
		s.published = pg.published
	}
	if s.title == "" {
		s.title = first
	}
	day, err := today(epoch)
	if err != nil {
		return err
	}
	s.retrieved = day
	taken := map[string]bool{}
	for _, o := range sources {
		taken[o.ID] = true
	}
	if s.id != "" {
		if taken[s.id] {
			return failure(fmt.Errorf("source id %q is taken", s.id), "choose another --id")
		}
		return nil
	}
	if s.outlet == "" {
		return failure(errors.New("--add-article needs --outlet NAME or --id ID: the page does not name its outlet"), "e.g. --outlet \"Yonhap News Agency\"; the id is built from the outlet and the date")
	}
	date := s.published
	if date == "" {
		date = s.retrieved
	}
	base := slug(s.outlet) + "-" + idDate(date)
	s.id = base
	for n := 2; taken[s.id]; n++ {
		s.id = fmt.Sprintf("%s-%d", base, n)
	}
	return nil
}

// idDate is the part of a date an id carries: its year, and its month
// when known ("2024-03").
func idDate(date string) string {
	d, err := dataset.ParseDate(date)
	if err != nil || d.IsZero() {
		return "undated"
	}
	if p := d.Precision(); p == dataset.PrecisionMonth || p == dataset.PrecisionDay {
		return d.First().Format("2006-01")
	}
	return strconv.Itoa(d.Year)
}

// today is the day of retrieval: SOURCE_DATE_EPOCH's (env) when it is set
// (for reproducible runs), else the clock's, in UTC.
func today(env string) (string, error) {
	epoch, err := sourceDateEpoch(env)
	if err != nil {
		return "", usageError(err.Error(), "SOURCE_DATE_EPOCH is a count of seconds since 1970-01-01 UTC")
	}
	if epoch != nil {
		return epoch.Format(time.DateOnly), nil
	}
	return time.Now().UTC().Format(time.DateOnly), nil
}

// slug turns an outlet's name into the start of an id: "Bitcoin.com
// News" → "bitcoincom-news", its words (ASCII letters and digits) kept
// while they fit in 32 characters.
func slug(name string) string {
	name = strings.NewReplacer(".", "", "'", "", "’", "").Replace(strings.ToLower(name))
	words := strings.FieldsFunc(name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
	out := ""
	for _, w := range words {
		next := w
		if out != "" {
			next = out + "-" + w
		}
		if len(next) > 32 && out != "" {
			break
		}
		out = next
	}
	if out == "" {
		return "source"
	}
	return out[:min(len(out), 32)]
}

// duplicate refuses an article the dataset holds already: one whose
// archived copy, or the file given (fileSum), has the SHA-256 a source
// recorded, or that of a copy in DIR/archive once archived the same way;
// or one whose address a source has.
func duplicate(dir string, src newSource, fileSum string, sources []*dataset.Source) error {
	for _, s := range sources {
		same := s.SHA256 != "" && (s.SHA256 == src.sha256 || s.SHA256 == fileSum)
		if !same && s.Archive != "" {
			if data, err := dataset.ReadFile(os.DirFS(filepath.Join(dir, "archive")), s.Archive, dataset.MaxFileSize); err == nil {
				same = dataset.Hash(dataset.ArchiveCopy(dataset.Paragraphs(string(data)))) == src.sha256
			}
		}
		if same {
			return failure(fmt.Errorf("the article is in the dataset already: source %q (archive %s) has the same text", s.ID, s.Archive),
				fmt.Sprintf("cite source %q; dprkreport --data %s --paragraphs %s prints its paragraphs", s.ID, dir, s.ID))
		}
		if src.url != "" && s.URL != "" && dataset.SameURL(src.url, s.URL) {
			return failure(fmt.Errorf("the address %s is in the dataset already: source %q", src.url, s.ID),
				fmt.Sprintf("cite source %q; if the page has changed since, record the new copy under its own --url (e.g. an archive.org address)", s.ID))
		}
	}
	return nil
}

// appendRecord appends the source's record to the text of sources.toml,
// leaving every byte before it as it was: comments, order and layout are
// the editors'. The fields it cannot know are written empty, so that
// --check points at each.
func appendRecord(old []byte, s newSource) []byte {
	var b strings.Builder
	b.Write(old)
	if len(old) > 0 && !strings.HasSuffix(string(old), "\n") {
		b.WriteByte('\n')
	}
	if len(old) > 0 {
		b.WriteByte('\n')
	}
	field := func(key, val string) { fmt.Fprintf(&b, "%s = %s\n", key, tomlString(val)) }
	b.WriteString("[[source]]\n")
	field("id", s.id)
	field("title", s.title)
	field("outlet", s.outlet)
	field("published", s.published)
	if s.url != "" {
		field("url", s.url)
	}
	field("archive", s.archive)
	fmt.Fprintf(&b, "paragraphs = %d\n", s.paragraphs)
	field("sha256", s.sha256)
	field("retrieved", s.retrieved)
	b.WriteString("relays = []\n")
	field("reliability", "")
	field("reliability_reason", "")
	return []byte(b.String())
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// sameRecord decodes the updated sources.toml and checks that it holds the
// records it held, and then the new one as it was meant: an appended
// record that the file's last table would swallow, or that decodes
// otherwise, is refused before anything is written.
func sameRecord(updated []byte, before int, s newSource) error {
	sources, err := dataset.DecodeSources(updated)
	ok := err == nil && len(sources) == before+1
	if ok {
		got := sources[before]
		ok = got.ID == s.id && got.Title == s.title && got.Outlet == s.outlet && got.Published == s.published &&
			got.URL == s.url && got.Archive == s.archive && got.Paragraphs == s.paragraphs && got.SHA256 == s.sha256 && got.Retrieved == s.retrieved
	}
	if !ok {
		return failure(fmt.Errorf("%s: the source record would not read back as written", dataset.FileSources), "check the end of sources.toml: an unclosed string or array there swallows what follows")
	}
	return nil
}

// datasetFlags registers the options that work on a dataset folder's
// sources rather than render it.
func datasetFlags(fs *pflag.FlagSet, cfg *config) {
	fs.StringVar(&cfg.addArticle, "add-article", "", "archive the article saved as text or HTML in `FILE` into the --data folder (archive/ID.txt), print its numbered paragraphs and add its source record to sources.toml")
	fs.StringVar(&cfg.article.id, "id", "", "with --add-article, the source's `ID` (default: built from outlet and date)")
	fs.StringVar(&cfg.article.url, "url", "", "with --add-article, the article's address `URL` (default: the page's canonical address)")
	fs.StringVar(&cfg.article.outlet, "outlet", "", "with --add-article, the outlet's `NAME` (default: the page's site name)")
	fs.StringVar(&cfg.article.title, "title", "", "with --add-article, the article's `TEXT` title (default: its first paragraph)")
	fs.StringVar(&cfg.article.published, "published", "", "with --add-article, the `DATE` of publication, YYYY[-MM[-DD]] (default: the page's)")
	fs.StringVar(&cfg.paragraphs, "paragraphs", "", "print the archived copy of source `ID` with its paragraph numbers")
	fs.StringVar(&cfg.impact, "impact", "", "list what depends on the source, originator, claim or incident `ID`, so that removing it is one reviewed step")
}

// datasetFlagNames are the string options datasetFlags registers, which
// take no empty value.
var datasetFlagNames = []string{"add-article", "id", "url", "outlet", "title", "published", "paragraphs", "impact"}

// datasetCommand runs --add-article, --paragraphs or --impact when one is
// asked for; done is false otherwise.
func datasetCommand(cfg config, stdout io.Writer, u *ui) (done bool, err error) {
	if cfg.addArticle == "" && cfg.paragraphs == "" && cfg.impact == "" {
		if cfg.article != (articleMeta{}) {
			return true, usageError("--id, --url, --outlet, --title and --published go with --add-article", "")
		}
		return false, nil
	}
	if msg := datasetCommandMisuse(cfg); msg != "" {
		return true, usageError(msg, "run one of --add-article, --paragraphs and --impact at a time, with --data DIR")
	}
	data, name, err := dataFS(cfg.data)
	if err != nil {
		return true, err
	}
	switch {
	case cfg.addArticle != "":
		return true, addArticle(cfg, stdout, u)
	case cfg.paragraphs != "":
		return true, showParagraphs(data, name, cfg, stdout, u)
	}
	return true, impact(data, name, cfg, stdout)
}

// datasetCommandMisuse says what is wrong with the flags given beside
// --add-article, --paragraphs or --impact, or "".
func datasetCommandMisuse(cfg config) string {
	n := 0
	for _, s := range []string{cfg.addArticle, cfg.paragraphs, cfg.impact} {
		if s != "" {
			n++
		}
	}
	a := cfg.article
	switch {
	case n > 1:
		return "--add-article, --paragraphs and --impact go one at a time"
	case cfg.check || cfg.strict || len(cfg.outputs) > 0 || cfg.init != "" || cfg.baseline != "" || cfg.templates != "" || cfg.format != "" || cfg.font != "" || cfg.from != 0 || cfg.to != 0:
		return "--add-article, --paragraphs and --impact take only --data (and --archive for --paragraphs)"
	case cfg.addArticle == "" && a != (articleMeta{}):
		return "--id, --url, --outlet, --title and --published go with --add-article"
	case cfg.addArticle != "" && cfg.data == "":
		return "--add-article needs --data DIR, the dataset folder the article joins (dprkreport --init DIR writes one)"
	case cfg.addArticle != "" && cfg.archive != "":
		return "--add-article writes into DIR/archive; drop --archive"
	case a.id != "" && !dataset.ValidID(a.id):
		return fmt.Sprintf("--id %q is not a valid id: ids are lowercase letters, digits and hyphens", a.id)
	case a.url != "" && !webAddress(a.url):
		return fmt.Sprintf("--url %q is not an http or https address", a.url)
	}
	if a.published != "" {
		if _, err := dataset.ParseDate(a.published); err != nil {
			return "--published: " + err.Error()
		}
	}
	return ""
}

func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
