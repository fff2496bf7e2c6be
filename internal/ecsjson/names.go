package ecsjson

import (
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/ecs/document"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/smithy-go/middleware"
)

// A field is one serialized member of a struct.
type field struct {
	key   string // the API member name
	index int
}

// fieldsOf lists the members of struct type t in declaration order.
//
// The API member name is the Go field name with its first letter lowered.
// For aws-sdk-go-v2 service/ecs v1.105.1 that rule has no exceptions among
// its structure members (type names such as
// FSxWindowsFileServerVolumeConfiguration differ, but the field that holds
// one is FsxWindowsFileServerVolumeConfiguration, member
// fsxWindowsFileServerVolumeConfiguration). The TestOracleFilled* tests prove
// it for every member reachable from the shapes the toolkit reads and writes,
// against the SDK's own serializer and deserializer. Unexported fields (the
// noSmithyDocumentSerde marker) and output ResultMetadata are not members.
func fieldsOf(t reflect.Type) []field {
	var fs []field
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Type == metadataType {
			continue
		}
		fs = append(fs, field{key: lowerFirst(sf.Name), index: i})
	}
	return fs
}

// structInfo is what the codec needs of one struct type: its members in
// order, by key, and which zero scalars the SDK writes.
type structInfo struct {
	fields []field
	byKey  map[string]int // member name → field index
	zero   zeroRule
}

// structInfos caches structInfo per type: types never change, and the codec
// would otherwise work them out again for every struct value it meets.
var structInfos sync.Map // reflect.Type → *structInfo

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{fields: fieldsOf(t), byKey: map[string]int{}}
	for _, f := range si.fields {
		si.byKey[f.key] = f.index
	}
	si.zero.written, si.zero.sdk = zeroWritten(t)
	actual, _ := structInfos.LoadOrStore(t, si)
	return actual.(*structInfo)
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

var (
	metadataType = reflect.TypeFor[middleware.Metadata]()
	documentType = reflect.TypeFor[document.Interface]()
)

// unionMembers returns the member types of a union interface type, or nil
// when iface is not a known union. Go cannot list the types that implement
// an interface, so the ECS unions are named here.
func unionMembers(iface reflect.Type) []reflect.Type {
	ptr := func(v any) reflect.Type { return reflect.TypeOf(v) }
	switch iface {
	case reflect.TypeFor[types.SharingStrategy]():
		return []reflect.Type{ptr(&types.SharingStrategyMemberNvidiaMps{})}
	case reflect.TypeFor[types.ServiceConnectContainerConfiguration]():
		return []reflect.Type{ptr(&types.ServiceConnectContainerConfigurationMemberLogLevel{})}
	case reflect.TypeFor[types.DescribeGatewayConfiguration]():
		return []reflect.Type{ptr(&types.DescribeGatewayConfigurationMemberHostSharedAlb{})}
	case reflect.TypeFor[types.GatewayConfiguration]():
		return []reflect.Type{ptr(&types.GatewayConfigurationMemberHostSharedAlb{})}
	case reflect.TypeFor[types.UpdateGatewayConfiguration]():
		return []reflect.Type{ptr(&types.UpdateGatewayConfigurationMemberHostSharedAlb{})}
	case reflect.TypeFor[types.GatewayConnectionResources]():
		return []reflect.Type{ptr(&types.GatewayConnectionResourcesMemberHostSharedAlb{})}
	case reflect.TypeFor[types.GatewayElbAccessLogDestination]():
		return []reflect.Type{ptr(&types.GatewayElbAccessLogDestinationMemberS3{})}
	case reflect.TypeFor[types.GatewayInfrastructureResources]():
		return []reflect.Type{ptr(&types.GatewayInfrastructureResourcesMemberHostSharedAlb{})}
	case reflect.TypeFor[types.GatewayRouteResources]():
		return []reflect.Type{ptr(&types.GatewayRouteResourcesMemberHostSharedAlb{})}
	}
	return nil
}

// unionKey is the member name a union member type stands for:
// *SharingStrategyMemberNvidiaMps is "nvidiaMps".
func unionKey(iface, member reflect.Type) string {
	name := member.Elem().Name()
	return lowerFirst(strings.TrimPrefix(name, iface.Name()+"Member"))
}
