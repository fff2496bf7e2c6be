package awsconf

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// trace makes every AWS client made from s.Config say on w, after step's
// name, each call attempt it makes: service, operation, host, HTTP status,
// time taken and request ID. It also says once where the credentials came
// from. Nothing of a request's or response's body is shown, so no secret
// can reach w. Resolve calls it when --verbose was given.
func (s *Settings) trace(w io.Writer, step string) {
	fmt.Fprintf(w, "%s: aws: region %s, credentials from %s\n", step, s.Region, s.CredentialSource)
	var mu sync.Mutex // clients may call from several goroutines
	s.Config.APIOptions = append(s.Config.APIOptions, func(st *middleware.Stack) error {
		return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("ecsToolkitTrace", func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
			start := time.Now()
			out, md, err := next.HandleDeserialize(ctx, in)
			host, status, id := "-", "no response", ""
			if req, ok := in.Request.(*smithyhttp.Request); ok {
				host = req.URL.Host
			}
			if resp, ok := out.RawResponse.(*smithyhttp.Response); ok {
				status = resp.Status
				for _, h := range []string{"X-Amzn-Requestid", "X-Amz-Request-Id"} {
					if v := resp.Header.Get(h); v != "" {
						id = " request " + v
						break
					}
				}
			}
			mu.Lock()
			fmt.Fprintf(w, "%s: aws: %s.%s %s %s %dms%s\n", step, awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx), host, status, time.Since(start).Milliseconds(), id)
			mu.Unlock()
			return out, md, err
		}), middleware.After)
	})
}
