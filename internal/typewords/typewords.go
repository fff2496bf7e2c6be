// Package typewords says in user words what a Go type holds, for messages
// about a file or document whose value has the wrong shape: "[]string" is
// "a list of strings", "map[string]*compose.ServiceParams" is "a mapping of
// names to settings". Messages name the file, the field and the problem,
// never our types.
package typewords

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Of says in words what a Go type reads: "[]string" is "a list of
// strings", "map[string]*compose.ServiceParams" is "a mapping of names to
// settings", "regcreds.Registry" is "a mapping of settings".
func Of(goType string) string {
	t := strings.TrimLeft(goType, "*")
	switch {
	case strings.HasPrefix(t, "[]"):
		if e := element(t[2:]); e != "" {
			return "a list of " + e
		}
		return "a list"
	case strings.HasPrefix(t, "map["):
		if e := element(t[strings.IndexByte(t, ']')+1:]); e != "" {
			return "a mapping of names to " + e
		}
		return "a mapping"
	case t == "time.Duration":
		return "a duration"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "string":
		return "a string"
	case strings.Contains(t, "."), strings.HasPrefix(t, "struct"): // one of our structs
		return "a mapping of settings"
	}
	return "another kind of value"
}

// element is the plural of what a list or mapping holds.
func element(goType string) string {
	t := strings.TrimLeft(goType, "*")
	switch {
	case t == "json.RawMessage", t == "any", strings.HasPrefix(t, "interface"): // anything
		return ""
	case t == "string":
		return "strings"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), strings.HasPrefix(t, "float"):
		return "numbers"
	case t == "bool":
		return "true/false values"
	case strings.HasPrefix(t, "[]"):
		return "lists"
	case strings.HasPrefix(t, "map["):
		return "mappings"
	case strings.Contains(t, "."):
		return "settings"
	}
	return ""
}

// JSON returns a JSON decoding error in user words: the field (when the
// library knows it), what it should hold and what it held. Other errors
// lose only the library's "json: " prefix.
func JSON(err error) error { return JSONAt("", err) }

// JSONAt is JSON for a value found at path ("runParams"), which starts the
// field's path.
func JSONAt(path string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		want := jsonWords.Replace(Of(te.Type.String()))
		found := jsonKinds[strings.Fields(te.Value + " ")[0]]
		if found == "" {
			found = te.Value
		}
		field := te.Field
		if path != "" && field != "" {
			field = path + "." + field
		} else if path != "" {
			field = path
		}
		if field != "" {
			return fmt.Errorf("%s: expected %s, found %s", field, want, found)
		}
		return fmt.Errorf("expected %s, found %s", want, found)
	}
	if err == nil {
		return nil
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if path != "" {
		return fmt.Errorf("%s: %s", path, msg)
	}
	return errors.New(msg)
}

// jsonWords says "object" where YAML says "mapping".
var jsonWords = strings.NewReplacer("a mapping of settings", "an object", "a mapping", "an object", "mappings", "objects")

// jsonKinds names the kinds encoding/json reports.
var jsonKinds = map[string]string{
	"string": "a string", "number": "a number", "bool": "true or false",
	"array": "a list", "object": "an object", "null": "null",
}
