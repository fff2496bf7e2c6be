package compose

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// byteKeys are the service keys compose-go reads as byte sizes. It ignores a
// value YAML reads as a float, which is how YAML reads an integer too large
// for 64 bits, so mem_limit: 99999999999999999999 came out as "no limit" and
// the container got the 512 MiB default.
var byteKeys = []string{"mem_limit", "mem_reservation", "memswap_limit", "shm_size"}

// checkByteSizes refuses a byte size written as a non-integer number, naming
// the service and key, before compose-go drops it. Values with variables are
// strings here; compose-go reads those itself and toMiB checks the result.
func checkByteSizes(content []byte) error {
	var file struct {
		Services map[string]map[string]yaml.Node `yaml:"services"`
	}
	if yaml.Unmarshal(content, &file) != nil {
		return nil // not this check's business: compose-go reports it
	}
	for _, name := range sortedKeys(file.Services) {
		svc := file.Services[name]
		for _, key := range byteKeys {
			n, ok := svc[key]
			if !ok || n.Kind != yaml.ScalarNode || n.ShortTag() != "!!float" {
				continue
			}
			return fmt.Errorf("services.%s.%s: %s is not a size compose can read (write a whole number of bytes, or a size with a unit such as 512m or 1g)", name, key, n.Value)
		}
	}
	return nil
}

// checkParamIntegers refuses an ecs-params integer too large for 64 bits,
// naming its line and key path (YAML's own error names neither the key nor
// the problem). Every integer field is 64 bits wide, so anything narrower
// ECS needs is range-checked, with its path, where it is used.
func checkParamIntegers(n *yaml.Node, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Int64 && n.Kind == yaml.ScalarNode:
		if _, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); errors.Is(err, strconv.ErrRange) {
			return fmt.Errorf("line %d: %s: %s is too large", n.Line, path, n.Value)
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, c := range n.Content {
			if err := checkParamIntegers(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := checkParamIntegers(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value)); err != nil {
				return err
			}
		}
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := map[string]reflect.Type{}
		for i := 0; i < t.NumField(); i++ {
			if tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]; tag != "" && tag != "-" {
				fields[tag] = t.Field(i).Type
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if ft, ok := fields[n.Content[i].Value]; ok {
				if err := checkParamIntegers(n.Content[i+1], ft, join(path, n.Content[i].Value)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
