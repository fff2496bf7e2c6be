package awsfake

import (
	"errors"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

func TestTagInputShapes(t *testing.T) {
	checkInputShapes(t, []shapePair{
		{tagResourceInput{}, ecs.TagResourceInput{}},
		{listTagsForResourceInput{}, ecs.ListTagsForResourceInput{}},
	})
}

// TagResource adds to a service's tags (a key given again takes the new
// value); ListTagsForResource and DescribeServices include TAGS show them.
func TestServiceTags(t *testing.T) {
	f := newSvcFixture(t, 1)
	out, err := f.api.CreateService(f.ctx, &ecs.CreateServiceInput{Cluster: aws.String("c"), ServiceName: aws.String("svc"), TaskDefinition: aws.String("app:1"),
		DesiredCount: aws.Int32(1), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}}})
	if err != nil {
		t.Fatal(err)
	}
	arn := out.Service.ServiceArn
	tag := func(kv ...string) error {
		var tags []types.Tag
		for i := 0; i < len(kv); i += 2 {
			tags = append(tags, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
		}
		_, err := f.api.TagResource(f.ctx, &ecs.TagResourceInput{ResourceArn: arn, Tags: tags})
		return err
	}
	list := func() map[string]string {
		t.Helper()
		out, err := f.api.ListTagsForResource(f.ctx, &ecs.ListTagsForResourceInput{ResourceArn: arn})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, tg := range out.Tags {
			m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
		return m
	}
	if err := tag("team", "b", "env", "prod"); err != nil {
		t.Fatal(err)
	}
	if got := list(); !reflect.DeepEqual(got, map[string]string{"team": "b", "env": "prod"}) {
		t.Errorf("tags %v", got)
	}
	d, err := f.api.DescribeServices(f.ctx, &ecs.DescribeServicesInput{Cluster: aws.String("c"), Services: []string{"svc"}, Include: []types.ServiceField{types.ServiceFieldTags}})
	if err != nil || len(d.Services) != 1 || len(d.Services[0].Tags) != 2 {
		t.Errorf("DescribeServices include TAGS: %+v %v", d, err)
	}

	var bad *types.InvalidParameterException
	if err := tag("aws:owner", "x"); !errors.As(err, &bad) {
		t.Errorf("aws: key: %v", err)
	}
	if _, err := f.api.TagResource(f.ctx, &ecs.TagResourceInput{ResourceArn: aws.String("arn:aws:ecs:us-east-1:123456789012:cluster/c"),
		Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}); !errors.As(err, &bad) {
		t.Errorf("cluster ARN: %v", err)
	}
	var nf *types.ResourceNotFoundException
	if _, err := f.api.TagResource(f.ctx, &ecs.TagResourceInput{ResourceArn: aws.String("arn:aws:ecs:us-east-1:123456789012:service/c/nope"),
		Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}); !errors.As(err, &nf) {
		t.Errorf("missing service: %v", err)
	}
	many := []string{}
	for i := range 49 {
		many = append(many, "k"+string(rune('A'+i%26))+string(rune('a'+i/26)), "v")
	}
	if err := tag(many...); !errors.As(err, &bad) {
		t.Errorf("51 tags: %v", err)
	}
	if got := list(); len(got) != 2 {
		t.Errorf("a refused TagResource changed the tags: %v", got)
	}
}
