package local

// The Docker Compose file ecs-local writes: only the keys it emits, in the
// Compose Specification's names. Maps marshal with sorted keys, so the
// output is deterministic.

// Project is a compose file. It has no "version" key: Compose v2 and later
// warn that it is obsolete, and every version of the Compose CLI that reads
// these files (v1.27 on, the Compose Specification) does without it.
type Project struct {
	Services map[string]*Service   `yaml:"services"`
	Networks map[string]Network    `yaml:"networks,omitempty"`
	Volumes  map[string]*VolumeDef `yaml:"volumes,omitempty"`
}

// Service is one container of the task.
type Service struct {
	Image          string                `yaml:"image,omitempty"`
	Entrypoint     []string              `yaml:"entrypoint,omitempty"`
	Command        []string              `yaml:"command,omitempty"`
	WorkingDir     string                `yaml:"working_dir,omitempty"`
	User           string                `yaml:"user,omitempty"`
	Hostname       string                `yaml:"hostname,omitempty"`
	Environment    map[string]string     `yaml:"environment,omitempty"`
	Labels         map[string]string     `yaml:"labels,omitempty"`
	Ports          []Port                `yaml:"ports,omitempty"`
	Volumes        []Mount               `yaml:"volumes,omitempty"`
	Links          []string              `yaml:"links,omitempty"`
	DependsOn      map[string]Dependency `yaml:"depends_on,omitempty"`
	VolumesFrom    []string              `yaml:"volumes_from,omitempty"`
	Networks       map[string]*struct{}  `yaml:"networks,omitempty"`
	DNS            []string              `yaml:"dns,omitempty"`
	DNSSearch      []string              `yaml:"dns_search,omitempty"`
	ExtraHosts     []string              `yaml:"extra_hosts,omitempty"`
	Ulimits        map[string]Ulimit     `yaml:"ulimits,omitempty"`
	Healthcheck    *Healthcheck          `yaml:"healthcheck,omitempty"`
	Logging        *Logging              `yaml:"logging,omitempty"`
	CPUShares      int64                 `yaml:"cpu_shares,omitempty"`
	MemLimit       string                `yaml:"mem_limit,omitempty"`
	MemReservation string                `yaml:"mem_reservation,omitempty"`
	Privileged     bool                  `yaml:"privileged,omitempty"`
	ReadOnly       bool                  `yaml:"read_only,omitempty"`
	Init           bool                  `yaml:"init,omitempty"`
	StdinOpen      bool                  `yaml:"stdin_open,omitempty"`
	Tty            bool                  `yaml:"tty,omitempty"`
	Tmpfs          []string              `yaml:"tmpfs,omitempty"`
	ShmSize        string                `yaml:"shm_size,omitempty"`
	CapAdd         []string              `yaml:"cap_add,omitempty"`
	CapDrop        []string              `yaml:"cap_drop,omitempty"`
	Devices        []string              `yaml:"devices,omitempty"`
	SecurityOpt    []string              `yaml:"security_opt,omitempty"`
	Sysctls        []string              `yaml:"sysctls,omitempty"`
	Pid            string                `yaml:"pid,omitempty"`
	Ipc            string                `yaml:"ipc,omitempty"`
}

// Port is a long-syntax port.
type Port struct {
	Target    int32  `yaml:"target"`
	Published string `yaml:"published,omitempty"`
	Protocol  string `yaml:"protocol,omitempty"`
}

// Mount is a long-syntax volume.
type Mount struct {
	Type     string `yaml:"type"`
	Source   string `yaml:"source,omitempty"`
	Target   string `yaml:"target"`
	ReadOnly bool   `yaml:"read_only,omitempty"`
}

// Dependency is a long-syntax depends_on entry.
type Dependency struct {
	Condition string `yaml:"condition"`
}

// Ulimit is a soft and hard limit.
type Ulimit struct {
	Soft int32 `yaml:"soft"`
	Hard int32 `yaml:"hard"`
}

// Healthcheck is a container health check.
type Healthcheck struct {
	Test        []string `yaml:"test"`
	Interval    string   `yaml:"interval,omitempty"`
	Timeout     string   `yaml:"timeout,omitempty"`
	StartPeriod string   `yaml:"start_period,omitempty"`
	Retries     *int32   `yaml:"retries,omitempty"`
}

// Logging is a log driver and its options.
type Logging struct {
	Driver  string            `yaml:"driver"`
	Options map[string]string `yaml:"options,omitempty"`
}

// Network is a top-level network.
type Network struct {
	External bool `yaml:"external"`
}

// VolumeDef is a top-level named volume.
type VolumeDef struct {
	Driver     string            `yaml:"driver,omitempty"`
	DriverOpts map[string]string `yaml:"driver_opts,omitempty"`
	Labels     map[string]string `yaml:"labels,omitempty"`
	External   bool              `yaml:"external,omitempty"`
}
