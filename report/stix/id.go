package stix

import (
	"crypto/sha1"
	"encoding/hex"
	"time"
)

// namespace is the UUIDv5 namespace of every id the bundle makes (a fixed
// random UUID chosen for dprkreport; the STIX specification forbids using
// its own 00abedb4-… namespace for SDO ids). An id is
// UUIDv5(namespace, "dprkreport:<kind>:<record id>"), so a record keeps its
// id from one edition to the next and the same data gives the same bytes.
var namespace = [16]byte{0x4f, 0x2b, 0x8e, 0x61, 0x0c, 0x7d, 0x4a, 0x3e, 0x9b, 0x52, 0xd6, 0x1f, 0x80, 0x37, 0xa9, 0xc4}

// uuid5 is RFC 9562's name-based UUID over SHA-1 (version 5).
func uuid5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// id is the STIX id of the record of the given kind.
func id(typ, kind, key string) string {
	return typ + "--" + uuid5(namespace, "dprkreport:"+kind+":"+key)
}

// timestamp writes t as STIX does: UTC, milliseconds, a final Z.
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// TLP 2.0 marking definitions as OASIS publishes them
// (cti-stix-common-objects, extension-definition-specifications/tlp-2.0):
// fixed ids, created 2022-10-01, marked by a property extension.
const tlpExtension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

var tlpIDs = map[string]string{
	"clear":        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
	"green":        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
	"amber":        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
	"amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
	"red":          "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}

var tlpCreated = time.Date(2022, 10, 1, 0, 0, 0, 0, time.UTC)

// confidence maps an Admiralty credibility digit to STIX's 0–100 scale as
// the STIX 2.1 specification's Appendix A and OASIS's own library
// (cti-python-stix2, stix2/confidence/scales.py, admiralty_credibility_to_value)
// do: 6, "truth cannot be judged", has no value and the property is left out.
func confidence(grade int) (int, bool) {
	switch grade {
	case 1:
		return 90, true
	case 2:
		return 70, true
	case 3:
		return 50, true
	case 4:
		return 30, true
	case 5:
		return 10, true
	}
	return 0, false
}

// attributionConfidence maps the dataset's attribution confidence to STIX's
// None/Low/Med/High scale (Appendix A): low 15, moderate 50, high 85.
func attributionConfidence(c string) (int, bool) {
	switch c {
	case "low":
		return 15, true
	case "moderate":
		return 50, true
	case "high":
		return 85, true
	}
	return 0, false
}

// The MITRE ATT&CK group the dataset's actor names map to. Only names
// that are the group's own name are mapped: "TraderTraitor (DPRK)" is left
// as the data names it, since nothing in the dataset says it is G0032.
var attackGroups = map[string]struct{ id, url string }{
	"lazarus group": {"G0032", "https://attack.mitre.org/groups/G0032/"},
}
