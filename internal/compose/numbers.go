package compose

import (
	"fmt"

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
