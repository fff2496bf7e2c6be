package awsfake

import (
	"net/url"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// offeredFamilies and offeredSizes make the instance types the fake offers
// in its region; any other type (well-formed or not) is not offered.
var (
	offeredFamilies = []string{"a1", "c5", "c6g", "c6i", "c7g", "g4dn", "g5", "g5g", "inf1", "m5", "m6g", "m6i", "m7g", "m7i", "p3", "p4d", "r5", "r6g", "r7g", "t2", "t3", "t3a", "t4g"}
	offeredSizes    = []string{"nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge"}
)

type ec2InstanceTypeOffering struct {
	InstanceType string `xml:"instanceType"`
	LocationType string `xml:"locationType"`
	Location     string `xml:"location"`
}

type describeInstanceTypeOfferingsResponse struct {
	wire.EC2Result
	Offerings []ec2InstanceTypeOffering `xml:"instanceTypeOfferingSet>item"`
	NextToken string                    `xml:"nextToken,omitempty"`
}

// describeInstanceTypeOfferings answers for LocationType region (the
// default) with the filters location and instance-type, paged by
// MaxResults/NextToken.
func (s *Server) describeInstanceTypeOfferings(form url.Values, _ string) (any, error) {
	if lt := form.Get("LocationType"); lt != "" && lt != "region" {
		return nil, wire.Errorf(400, "InvalidParameterValue", "awsfake offers instance types by region only, not %s", lt)
	}
	names, filters := wire.QueryFilters(form)
	if err := knownFilters(names, "location", "instance-type"); err != nil {
		return nil, err
	}
	var all []ec2InstanceTypeOffering
	for _, f := range offeredFamilies {
		for _, z := range offeredSizes {
			t := f + "." + z
			if matches(filters, map[string]string{"location": s.region, "instance-type": t}) {
				all = append(all, ec2InstanceTypeOffering{t, "region", s.region})
			}
		}
	}
	p, next, err := ec2Page(all, form)
	if err != nil {
		return nil, err
	}
	return &describeInstanceTypeOfferingsResponse{Offerings: p, NextToken: next}, nil
}
