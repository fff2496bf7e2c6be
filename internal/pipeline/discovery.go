package pipeline

// ServiceDiscovery is the document's runParams.serviceDiscovery: ecs-params'
// run_params.service_discovery with camel-cased keys, written by
// ecs-compose2td and read by ecs-service.
type ServiceDiscovery struct {
	ContainerName           string                   `json:"containerName,omitempty"`
	ContainerPort           *int32                   `json:"containerPort,omitempty"`
	PrivateDNSNamespace     *DNSNamespace            `json:"privateDnsNamespace,omitempty"`
	PublicDNSNamespace      *DNSNamespace            `json:"publicDnsNamespace,omitempty"`
	ServiceDiscoveryService *ServiceDiscoveryService `json:"serviceDiscoveryService,omitempty"`
}

// DNSNamespace names or identifies a Cloud Map namespace.
type DNSNamespace struct {
	ID          string `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	VPC         string `json:"vpc,omitempty"`
	Description string `json:"description,omitempty"`
}

// ServiceDiscoveryService configures the Cloud Map service.
type ServiceDiscoveryService struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	DNSConfig   *struct {
		Type string `json:"type,omitempty"`
		TTL  *int64 `json:"ttl,omitempty"`
	} `json:"dnsConfig,omitempty"`
	HealthcheckCustomConfig *struct {
		FailureThreshold *int32 `json:"failureThreshold,omitempty"`
	} `json:"healthcheckCustomConfig,omitempty"`
}
