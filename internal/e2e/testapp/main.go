// Command testapp is the program inside the images the real-engine stories
// build (FROM scratch, static): nothing can be pulled here, so every
// container a story runs is this one binary in one of two roles.
//
//	testapp [serve]   a task container: HTTP on $PORT (default 8080)
//	testapp endpoints the stand-in for amazon/amazon-ecs-local-container-endpoints:
//	                  HTTP on :80 with the credentials and metadata paths
//
// A task container answers:
//
//	/                  "hello from testapp"
//	/env               its environment, NAME=VALUE lines, sorted, without
//	                   the variables named in $TESTAPP_HIDE (comma-separated)
//	/env-match?name=N&value=V  "match", "differs" or "unset": a secret is
//	                   checked without ever being printed
//	/file?path=P       a mounted file's content
//	/credentials       the AccessKeyId the endpoints container gives at
//	                   $AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (never the secret)
//	/metadata          the body of $ECS_CONTAINER_METADATA_URI
//	/exit?code=N       exits with code N
//
// With $EXIT_CODE set it exits at once with that code, after printing
// $EXIT_MESSAGE (for the container that fails at start).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if v := os.Getenv("EXIT_CODE"); v != "" {
		code, err := strconv.Atoi(v)
		if err != nil || code < 0 || code > 255 {
			log.Fatalf("EXIT_CODE %q: want 0-255", v)
		}
		fmt.Println(os.Getenv("EXIT_MESSAGE"))
		os.Exit(code)
	}
	role := "serve"
	if len(os.Args) > 1 {
		role = os.Args[1]
	}
	var h http.Handler
	addr := ":" + envOr("PORT", "8080")
	switch role {
	case "serve":
		h = taskMux()
	case "endpoints":
		h, addr = endpointsMux(), ":80"
	default:
		log.Fatalf("unknown role %q: serve or endpoints", role)
	}
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}
	// PID 1 in a scratch container: without a handler SIGTERM is ignored
	// and docker stop waits its full grace period.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() { <-sig; os.Exit(0) }()
	log.Printf("testapp %s listening on %s", role, addr)
	log.Fatal(srv.ListenAndServe())
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func taskMux() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello from testapp") })
	m.HandleFunc("/env", func(w http.ResponseWriter, r *http.Request) {
		hide := map[string]bool{}
		for _, n := range strings.Split(os.Getenv("TESTAPP_HIDE"), ",") {
			hide[n] = true
		}
		env := os.Environ()
		sort.Strings(env)
		for _, kv := range env {
			if k, _, _ := strings.Cut(kv, "="); !hide[k] {
				fmt.Fprintln(w, kv)
			}
		}
	})
	m.HandleFunc("/env-match", func(w http.ResponseWriter, r *http.Request) {
		v, ok := os.LookupEnv(r.URL.Query().Get("name"))
		switch {
		case !ok:
			fmt.Fprintln(w, "unset")
		case v == r.URL.Query().Get("value"):
			fmt.Fprintln(w, "match")
		default:
			fmt.Fprintln(w, "differs")
		}
	})
	m.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		b, err := os.ReadFile(r.URL.Query().Get("path"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		w.Write(b)
	})
	m.HandleFunc("/credentials", func(w http.ResponseWriter, r *http.Request) {
		body, err := get("http://169.254.170.2" + os.Getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		var c struct{ AccessKeyId string }
		if err := json.Unmarshal(body, &c); err != nil {
			http.Error(w, "credentials answer: "+err.Error(), http.StatusBadGateway)
			return
		}
		fmt.Fprintln(w, c.AccessKeyId)
	})
	m.HandleFunc("/metadata", func(w http.ResponseWriter, r *http.Request) {
		body, err := get(os.Getenv("ECS_CONTAINER_METADATA_URI"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.Write(body)
	})
	m.HandleFunc("/exit", func(w http.ResponseWriter, r *http.Request) {
		code, err := strconv.Atoi(r.URL.Query().Get("code"))
		if err != nil || code < 0 || code > 255 {
			http.Error(w, "code: want 0-255", http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "exiting with %d\n", code)
		go func() { time.Sleep(100 * time.Millisecond); os.Exit(code) }()
	})
	return m
}

func get(url string) ([]byte, error) {
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", url, resp.Status, strings.TrimSpace(string(body)))
	}
	return body, nil
}

// endpointsMux serves what a task container asks the real endpoints
// container for. Credentials come from the profile the real one would
// read: $AWS_PROFILE in $HOME/.aws/credentials, mounted by ecs-local up.
func endpointsMux() *http.ServeMux {
	m := http.NewServeMux()
	creds := func(w http.ResponseWriter, r *http.Request) {
		id, secret, err := profileKeys(os.Getenv("HOME")+"/.aws/credentials", envOr("AWS_PROFILE", "default"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{
			"AccessKeyId": id, "SecretAccessKey": secret, "Token": "",
			"Expiration": time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
		})
	}
	m.HandleFunc("/creds", creds)
	m.HandleFunc("/role/{name}", creds)
	m.HandleFunc("/v3", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"DockerId": "local", "Name": "ecs-local", "Image": "testapp"})
	})
	m.HandleFunc("/v3/task", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"Cluster": "ecs-local", "TaskARN": "arn:aws:ecs:local:000000000000:task/ecs-local"})
	})
	return m
}

// profileKeys reads one profile's keys from an INI credentials file.
func profileKeys(path, profile string) (id, secret string, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			in = line == "["+profile+"]"
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !in || !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "aws_access_key_id":
			id = strings.TrimSpace(v)
		case "aws_secret_access_key":
			secret = strings.TrimSpace(v)
		}
	}
	if id == "" {
		return "", "", fmt.Errorf("profile %s in %s has no aws_access_key_id", profile, path)
	}
	return id, secret, nil
}
