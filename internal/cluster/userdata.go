package cluster

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// userDataFile is one --extra-user-data file.
type userDataFile struct {
	path string
	data []byte
}

// buildUserData packs the instances' user data as a MIME multi-part
// archive: each --extra-user-data file in flag order (a file that is itself
// a multi-part archive contributes its parts, headers kept), then the
// script that joins the instance to the cluster. boundary "" picks a
// random one.
func buildUserData(cluster string, extras []userDataFile, instanceTags map[string]string, boundary string) (string, error) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if boundary == "" {
		r := make([]byte, 30)
		if _, err := rand.Read(r); err != nil {
			return "", err
		}
		boundary = hex.EncodeToString(r)
	}
	if err := w.SetBoundary(boundary); err != nil {
		return "", err
	}
	for _, f := range extras {
		if parts, ok, err := splitArchive(f.data); err != nil {
			return "", fmt.Errorf("%s: %w", f.path, err)
		} else if ok {
			for _, p := range parts {
				pw, err := w.CreatePart(p.header)
				if err != nil {
					return "", err
				}
				pw.Write(p.body)
			}
			continue
		}
		pw, err := w.CreatePart(partHeader(contentType(f.data)))
		if err != nil {
			return "", err
		}
		pw.Write(f.data)
	}
	script := "#!/bin/bash\necho ECS_CLUSTER=" + cluster + " >> /etc/ecs/ecs.config\n"
	if len(instanceTags) > 0 {
		j, err := json.Marshal(instanceTags) // keys sorted
		if err != nil {
			return "", err
		}
		script += "echo '" + strings.ReplaceAll(string(j), "'", `'\''`) + "' >> /etc/ecs/ecs.config\n"
	}
	pw, err := w.CreatePart(partHeader("text/x-shellscript"))
	if err != nil {
		return "", err
	}
	io.WriteString(pw, script)
	if err := w.Close(); err != nil {
		return "", err
	}
	head := "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\nMIME-Version: 1.0\n\n"
	return strings.ReplaceAll(head+b.String(), "\r\n", "\n"), nil
}

func partHeader(ct string) textproto.MIMEHeader {
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", ct+`; charset="utf-8"`)
	h.Set("MIME-Version", "1.0")
	return h
}

// contentType names a user-data file's type for cloud-init.
func contentType(data []byte) string {
	s := string(data)
	switch {
	case strings.HasPrefix(s, "#!"):
		return "text/x-shellscript"
	case strings.HasPrefix(s, "#cloud-config"):
		return "text/cloud-config"
	case strings.HasPrefix(s, "#cloud-boothook"):
		return "text/cloud-boothook"
	case strings.HasPrefix(s, "#include"):
		return "text/x-include-url"
	}
	return "text/plain"
}

type mimePart struct {
	header textproto.MIMEHeader
	body   []byte
}

// splitArchive returns the parts of a MIME multi-part archive; ok is false
// for anything else.
func splitArchive(data []byte) (parts []mimePart, ok bool, err error) {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(data)))
	h, herr := tp.ReadMIMEHeader()
	if herr != nil && herr != io.EOF {
		return nil, false, nil
	}
	mt, params, perr := mime.ParseMediaType(h.Get("Content-Type"))
	if perr != nil || !strings.HasPrefix(mt, "multipart/") || params["boundary"] == "" {
		return nil, false, nil
	}
	r := multipart.NewReader(tp.R, params["boundary"])
	for {
		p, err := r.NextRawPart()
		if err == io.EOF {
			return parts, true, nil
		}
		if err != nil {
			return nil, false, fmt.Errorf("reading MIME archive: %w", err)
		}
		body, err := io.ReadAll(p)
		if err != nil {
			return nil, false, fmt.Errorf("reading MIME archive: %w", err)
		}
		parts = append(parts, mimePart{p.Header, body})
	}
}
