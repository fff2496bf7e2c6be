package awsfake

import (
	"fmt"
	"strconv"
	"strings"
)

// parseYAML parses the YAML CloudFormation templates use, without a
// dependency (the fake uses the standard library only): block mappings and
// sequences, plain, quoted and block (| >) scalars, flow sequences and
// mappings, comments, and the short intrinsic tags (!Ref X → {"Ref": X},
// !GetAtt A.B, !Sub, !Join ...). It rejects what is not well-formed:
// tabs in indentation, bad indentation, unterminated quotes or brackets,
// lines that are neither a key nor a list item.
func parseYAML(body string) (any, error) {
	p := &yamlParser{}
	for i, raw := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(raw) == "---" && len(p.lines) == 0 {
			continue
		}
		text := strings.TrimRight(raw, " ")
		indent := len(text) - len(strings.TrimLeft(text, " "))
		if strings.HasPrefix(text[indent:], "\t") {
			return nil, fmt.Errorf("line %d: tab in indentation", i+1)
		}
		p.lines = append(p.lines, yamlLine{i + 1, indent, text[indent:], raw})
	}
	p.skipBlank()
	if p.pos >= len(p.lines) {
		return nil, fmt.Errorf("empty document")
	}
	v, err := p.block(p.lines[p.pos].indent)
	if err != nil {
		return nil, err
	}
	p.skipBlank()
	if p.pos < len(p.lines) {
		return nil, fmt.Errorf("line %d: unexpected indentation", p.lines[p.pos].n)
	}
	return v, nil
}

type yamlLine struct {
	n, indent int
	text, raw string
}

type yamlParser struct {
	lines []yamlLine
	pos   int
}

func (p *yamlParser) skipBlank() {
	for p.pos < len(p.lines) {
		t := p.lines[p.pos].text
		if t != "" && !strings.HasPrefix(t, "#") {
			return
		}
		p.pos++
	}
}

// block parses the mapping or sequence whose lines start at indent.
func (p *yamlParser) block(indent int) (any, error) {
	p.skipBlank()
	l := p.lines[p.pos]
	if l.text == "-" || strings.HasPrefix(l.text, "- ") {
		var seq []any
		for {
			p.skipBlank()
			if p.pos >= len(p.lines) || p.lines[p.pos].indent < indent {
				return seq, nil
			}
			l := p.lines[p.pos]
			if l.indent != indent || !(l.text == "-" || strings.HasPrefix(l.text, "- ")) {
				return nil, fmt.Errorf("line %d: bad indentation of a sequence item", l.n)
			}
			rest := strings.TrimLeft(strings.TrimPrefix(l.text, "-"), " ")
			if rest == "" {
				p.pos++
				v, err := p.nested(indent)
				if err != nil {
					return nil, err
				}
				seq = append(seq, v)
				continue
			}
			// "- key: value" starts a mapping indented past the dash.
			inner := indent + (len(l.text) - len(rest))
			p.lines[p.pos] = yamlLine{l.n, inner, rest, l.raw}
			if _, _, isKey := splitKey(rest); isKey {
				v, err := p.block(inner)
				if err != nil {
					return nil, err
				}
				seq = append(seq, v)
				continue
			}
			v, err := p.inline(rest, inner)
			if err != nil {
				return nil, err
			}
			seq = append(seq, v)
		}
	}
	m := map[string]any{}
	for {
		p.skipBlank()
		if p.pos >= len(p.lines) || p.lines[p.pos].indent < indent {
			return m, nil
		}
		l := p.lines[p.pos]
		if l.indent != indent {
			return nil, fmt.Errorf("line %d: bad indentation of a mapping entry", l.n)
		}
		k, rest, ok := splitKey(l.text)
		if !ok {
			return nil, fmt.Errorf("line %d: expected a key", l.n)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("line %d: duplicate key %s", l.n, k)
		}
		v, err := p.inline(rest, indent)
		if err != nil {
			return nil, err
		}
		m[k] = v
	}
}

// nested parses the block under the current line (more indented than
// parent), or null when there is none.
func (p *yamlParser) nested(parent int) (any, error) {
	p.skipBlank()
	if p.pos >= len(p.lines) || p.lines[p.pos].indent <= parent {
		// A sequence may sit at its key's indentation.
		if p.pos < len(p.lines) && p.lines[p.pos].indent == parent && strings.HasPrefix(p.lines[p.pos].text, "- ") {
			return p.block(parent)
		}
		return nil, nil
	}
	return p.block(p.lines[p.pos].indent)
}

// inline parses the value after "key:" or "- " on the current line (and
// the block under it), and moves past it.
func (p *yamlParser) inline(rest string, indent int) (any, error) {
	n := p.lines[p.pos].n
	p.pos++
	rest = stripComment(rest)
	tag := ""
	if strings.HasPrefix(rest, "!") {
		tag, rest, _ = strings.Cut(rest, " ")
		rest = strings.TrimSpace(rest)
	}
	var v any
	var err error
	switch {
	case rest == "":
		v, err = p.nested(indent)
	case rest == "|" || rest == ">" || rest == "|-" || rest == ">-":
		v = p.blockScalar(indent, rest)
	default:
		var s *flowScanner
		s = &flowScanner{text: rest}
		v, err = s.value()
		if err == nil {
			s.skipSpace()
			if s.i < len(s.text) {
				err = fmt.Errorf("unexpected %q", s.text[s.i:])
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("line %d: %v", n, err)
	}
	return applyTag(tag, v), nil
}

func (p *yamlParser) blockScalar(indent int, style string) string {
	var lines []string
	start := -1
	for p.pos < len(p.lines) {
		l := p.lines[p.pos]
		if l.text != "" && l.indent <= indent {
			break
		}
		if start < 0 && l.text != "" {
			start = l.indent
		}
		if start >= 0 && len(l.raw) >= start {
			lines = append(lines, l.raw[start:])
		} else {
			lines = append(lines, "")
		}
		p.pos++
	}
	sep := "\n"
	if strings.HasPrefix(style, ">") {
		sep = " "
	}
	out := strings.Join(lines, sep)
	out = strings.TrimRight(out, "\n ")
	if !strings.HasSuffix(style, "-") {
		out += "\n"
	}
	return out
}

// splitKey splits "key: value" (or "key:"); quoted keys are allowed.
func splitKey(text string) (key, rest string, ok bool) {
	if strings.HasPrefix(text, `"`) || strings.HasPrefix(text, "'") {
		s := &flowScanner{text: text}
		k, err := s.quoted()
		if err != nil || !strings.HasPrefix(text[s.i:], ":") {
			return "", "", false
		}
		return k, strings.TrimSpace(text[s.i+1:]), true
	}
	for i := 0; i < len(text); i++ {
		if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ') {
			k := text[:i]
			if k == "" || strings.ContainsAny(k[:1], "[{#") {
				return "", "", false
			}
			return k, strings.TrimSpace(text[i+1:]), true
		}
	}
	return "", "", false
}

func stripComment(s string) string {
	inQ := byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inQ != 0:
			if c == inQ {
				inQ = 0
			}
		case c == '"' || c == '\'':
			inQ = c
		case c == '#' && (i == 0 || s[i-1] == ' '):
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// applyTag turns a short intrinsic tag into its long form.
func applyTag(tag string, v any) any {
	switch tag {
	case "":
		return v
	case "!GetAtt":
		if s, ok := v.(string); ok {
			a, b, _ := strings.Cut(s, ".")
			return map[string]any{"Fn::GetAtt": []any{a, b}}
		}
		return map[string]any{"Fn::GetAtt": v}
	case "!Ref", "!Condition":
		return map[string]any{tag[1:]: v}
	}
	return map[string]any{"Fn::" + tag[1:]: v}
}

// flowScanner reads flow values: scalars, "quoted", [seq], {map}, !Tag value.
type flowScanner struct {
	text string
	i    int
}

func (s *flowScanner) skipSpace() {
	for s.i < len(s.text) && s.text[s.i] == ' ' {
		s.i++
	}
}

func (s *flowScanner) value() (any, error) {
	s.skipSpace()
	if s.i >= len(s.text) {
		return nil, fmt.Errorf("missing value")
	}
	switch s.text[s.i] {
	case '"', '\'':
		return s.quoted()
	case '!':
		start := s.i
		for s.i < len(s.text) && s.text[s.i] != ' ' {
			s.i++
		}
		tag := s.text[start:s.i]
		v, err := s.value()
		return applyTag(tag, v), err
	case '[':
		s.i++
		var seq []any
		for {
			s.skipSpace()
			if s.i >= len(s.text) {
				return nil, fmt.Errorf("unterminated [")
			}
			if s.text[s.i] == ']' {
				s.i++
				return seq, nil
			}
			v, err := s.value()
			if err != nil {
				return nil, err
			}
			seq = append(seq, v)
			s.skipSpace()
			if s.i < len(s.text) && s.text[s.i] == ',' {
				s.i++
			}
		}
	case '{':
		s.i++
		m := map[string]any{}
		for {
			s.skipSpace()
			if s.i >= len(s.text) {
				return nil, fmt.Errorf("unterminated {")
			}
			if s.text[s.i] == '}' {
				s.i++
				return m, nil
			}
			k, err := s.value()
			if err != nil {
				return nil, err
			}
			ks, _ := k.(string)
			ks, found := strings.CutSuffix(ks, ":")
			s.skipSpace()
			if !found {
				if s.i >= len(s.text) || s.text[s.i] != ':' {
					return nil, fmt.Errorf("expected : in flow mapping")
				}
				s.i++
			}
			v, err := s.value()
			if err != nil {
				return nil, err
			}
			m[ks] = v
			s.skipSpace()
			if s.i < len(s.text) && s.text[s.i] == ',' {
				s.i++
			}
		}
	case ']', '}', ',':
		return nil, fmt.Errorf("unexpected %q", s.text[s.i])
	}
	start := s.i
	for s.i < len(s.text) && !strings.ContainsRune(",]}", rune(s.text[s.i])) {
		s.i++
	}
	return plainScalar(strings.TrimSpace(s.text[start:s.i])), nil
}

func (s *flowScanner) quoted() (string, error) {
	q := s.text[s.i]
	s.i++
	var b strings.Builder
	for s.i < len(s.text) {
		c := s.text[s.i]
		s.i++
		switch {
		case c == q && q == '\'' && s.i < len(s.text) && s.text[s.i] == '\'':
			b.WriteByte('\'')
			s.i++
		case c == q:
			if q == '"' {
				u, err := strconv.Unquote(`"` + b.String() + `"`)
				if err != nil {
					return "", fmt.Errorf("bad escape in quoted string")
				}
				return u, nil
			}
			return b.String(), nil
		case c == '\\' && q == '"' && s.i < len(s.text):
			b.WriteByte(c)
			b.WriteByte(s.text[s.i])
			s.i++
		default:
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("unterminated quoted string")
}

// plainScalar keeps plain scalars as strings except booleans, null and
// numbers, as JSON templates would have them.
func plainScalar(s string) any {
	switch s {
	case "true", "True", "TRUE":
		return true
	case "false", "False", "FALSE":
		return false
	case "null", "~", "":
		return nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.HasPrefix(s, "0") || s == "0" {
		return f
	}
	return s
}
