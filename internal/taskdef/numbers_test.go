package taskdef

import (
	"strings"
	"testing"
)

func TestCheckNumbers(t *testing.T) {
	const c = `{"family":"f","containerDefinitions":[{"name":"a","image":"i",%s}]%s}`
	for _, tc := range []struct {
		container, task, want string
	}{
		{`"cpu":-1`, "", "containerDefinitions[0].cpu: -1 is outside the accepted range (0 to 262144 CPU units)"},
		{`"cpu":300000`, "", "containerDefinitions[0].cpu: 300000 is outside"},
		{`"memory":0`, "", "containerDefinitions[0].memory: 0 is outside the accepted range (6 to 2147483647 MiB)"},
		{`"memoryReservation":-5`, "", "containerDefinitions[0].memoryReservation: -5 is outside"},
		{`"stopTimeout":-5`, "", "containerDefinitions[0].stopTimeout: -5 is outside the accepted range (0 to 120 seconds)"},
		{`"stopTimeout":121`, "", "containerDefinitions[0].stopTimeout: 121 is outside"},
		{`"startTimeout":-1`, "", "containerDefinitions[0].startTimeout: -1 is outside"},
		{`"portMappings":[{"containerPort":70000}]`, "", "containerDefinitions[0].portMappings[0].containerPort: 70000 is outside the accepted range (1 to 65535)"},
		{`"portMappings":[{"containerPort":80,"hostPort":-1}]`, "", "containerDefinitions[0].portMappings[0].hostPort: -1 is outside the accepted range (0 to 65535)"},
		{`"healthCheck":{"command":["CMD","x"],"interval":1}`, "", "containerDefinitions[0].healthCheck.interval: 1 is outside the accepted range (5 to 300 seconds)"},
		{`"healthCheck":{"command":["CMD","x"],"timeout":121}`, "", "healthCheck.timeout: 121 is outside"},
		{`"healthCheck":{"command":["CMD","x"],"retries":0}`, "", "healthCheck.retries: 0 is outside the accepted range (1 to 10)"},
		{`"healthCheck":{"command":["CMD","x"],"startPeriod":301}`, "", "healthCheck.startPeriod: 301 is outside"},
		{`"ulimits":[{"name":"nofile","softLimit":-2,"hardLimit":1}]`, "", "containerDefinitions[0].ulimits[0].softLimit: -2 is outside the accepted range (-1 to 2147483647)"},
		{`"ulimits":[{"name":"nofile","softLimit":1,"hardLimit":-7}]`, "", "ulimits[0].hardLimit: -7 is outside"},
		{`"ulimits":[{"name":"nofile","softLimit":10,"hardLimit":5}]`, "", "containerDefinitions[0].ulimits[0]: softLimit 10 is above hardLimit 5 (-1 is unlimited)"},
		{`"ulimits":[{"name":"nofile","softLimit":-1,"hardLimit":5}]`, "", "containerDefinitions[0].ulimits[0]: softLimit -1 is above hardLimit 5"},
		{`"linuxParameters":{"sharedMemorySize":-1}`, "", "linuxParameters.sharedMemorySize: -1 is outside"},
		{`"linuxParameters":{"swappiness":101}`, "", "linuxParameters.swappiness: 101 is outside the accepted range (0 to 100)"},
		{`"linuxParameters":{"maxSwap":-1}`, "", "linuxParameters.maxSwap: -1 is outside"},
		{`"linuxParameters":{"tmpfs":[{"containerPath":"/t","size":0}]}`, "", "linuxParameters.tmpfs[0].size: 0 is outside the accepted range (1 to 2147483647 MiB)"},
		{`"cpu":1`, `,"ephemeralStorage":{"sizeInGiB":500}`, "ephemeralStorage.sizeInGiB: 500 is outside the accepted range (21 to 200 GiB)"},
		{`"cpu":1`, `,"volumes":[{"name":"v","efsVolumeConfiguration":{"fileSystemId":"fs-1","transitEncryptionPort":0}}]`, "volumes[0].efsVolumeConfiguration.transitEncryptionPort: 0 is outside the accepted range (1 to 65535)"},
	} {
		in, err := RegisterInput([]byte(strings.Replace(strings.Replace(c, "%s", tc.container, 1), "%s", tc.task, 1)))
		if err != nil {
			t.Fatalf("%s: %v", tc.container, err)
		}
		if err := CheckNumbers(in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s%s: got %v, want %q", tc.container, tc.task, err, tc.want)
		}
	}
	in, err := RegisterInput([]byte(`{"family":"f","containerDefinitions":[{"name":"a","image":"i","cpu":262144,"memory":6,"stopTimeout":120,
		"portMappings":[{"containerPort":65535,"hostPort":0}],"ulimits":[{"name":"memlock","softLimit":-1,"hardLimit":-1}],
		"healthCheck":{"command":["CMD","x"],"interval":5,"timeout":120,"retries":10,"startPeriod":0}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckNumbers(in); err != nil {
		t.Errorf("edges refused: %v", err)
	}
}
