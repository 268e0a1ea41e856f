package stix_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dprkreport/dprkreport/internal/testtool"
)

// offline refuses every URL: the schemas are registered from disk, and a
// reference to anything else is a failure, never a download.
type offline struct{}

func (offline) Load(url string) (any, error) {
	return nil, errors.New("not loaded: the schemas are read from disk only, and " + url + " is not among them")
}

var (
	schemaOnce sync.Once
	schemaByID map[string]*jsonschema.Schema
	schemaErr  error
)

// schemas compiles the type schemas of the OASIS STIX 2.1 JSON schemas
// (draft 2020-12) from disk, each file registered under its $id, keyed by
// the STIX type they describe.
func schemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	dir := filepath.Join(testtool.STIX2(t), "schemas")
	schemaOnce.Do(func() { schemaByID, schemaErr = compile(dir) })
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	return schemaByID
}

func compile(dir string) (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.UseLoader(offline{})
	c.AssertFormat()
	c.DefaultDraft(jsonschema.Draft2020)
	types := map[string]string{} // STIX type → $id
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return err
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		if err := c.AddResource(id, doc); err != nil {
			return err
		}
		kind := filepath.Base(filepath.Dir(p))
		if kind == "sdos" || kind == "sros" || filepath.Base(p) == "marking-definition.json" {
			types[strings.TrimSuffix(filepath.Base(p), ".json")] = id
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := map[string]*jsonschema.Schema{}
	for typ, id := range types {
		if out[typ], err = c.Compile(id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// validate checks every object of the bundle against its type's schema.
func validate(t *testing.T, bundle []byte) {
	t.Helper()
	sch := schemas(t)
	var b struct {
		Objects []json.RawMessage `json:"objects"`
	}
	if err := json.Unmarshal(bundle, &b); err != nil {
		t.Fatal(err)
	}
	for _, raw := range b.Objects {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		o := v.(map[string]any)
		s := sch[o["type"].(string)]
		if s == nil {
			t.Errorf("%s: no schema for type %q", o["id"], o["type"])
			continue
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s: %v", o["id"], err)
		}
	}
}
