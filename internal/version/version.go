// Package version reports the version every toolkit binary prints for
// --version: the main module's version from the build info the Go toolchain
// embeds, so a release needs no ldflags.
package version

import "runtime/debug"

// Dev is reported when the build carries no module version: a plain
// `go build` outside version control, or a test binary.
const Dev = "dev"

// String returns the running binary's version, or Dev.
func String() string {
	return fromBuildInfo(debug.ReadBuildInfo())
}

// fromBuildInfo takes ReadBuildInfo's results as they come, so tests can
// hand it any build info.
func fromBuildInfo(bi *debug.BuildInfo, ok bool) string {
	if !ok || bi == nil {
		return Dev
	}
	switch v := bi.Main.Version; v {
	case "", "(devel)":
		return Dev
	default:
		return v
	}
}
