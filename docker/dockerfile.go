package docker

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// Instruction is one instruction of a Dockerfile, as Parse reads it.
type Instruction struct {
	Line int    // the line it starts on, counted from 1
	Cmd  string // the instruction in capitals: FROM, ENV, COPY, RUN, USER, WORKDIR, EXPOSE or CMD
	Text string // as written, continuation lines joined with a space

	// Args are the arguments: FROM's image (and stage name after AS);
	// COPY's sources then its destination; ENV's keys and values
	// alternating; RUN's and CMD's argv in exec form, or the command line
	// alone in shell form; USER's, WORKDIR's and EXPOSE's one value.
	Args []string
	// Shell is true for RUN and CMD in shell form (run by /bin/sh -c).
	Shell bool
	// From is COPY's --from stage, or "".
	From string
}

// String names the instruction by its line, as error messages do.
func (in Instruction) String() string {
	text := in.Text
	if len(text) > 80 {
		text = text[:77] + "..."
	}
	return fmt.Sprintf("Dockerfile:%d: %s", in.Line, text)
}

// ParseFile reads and parses the Dockerfile at path.
func ParseFile(path string) ([]Instruction, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f)
}

// Parse reads the instructions of a Dockerfile. It understands exactly the
// subset that make test-image can carry out: FROM image[:tag] [AS name];
// ENV key=value ...; COPY [--from=stage] src... dest; RUN and CMD in shell
// or exec (JSON array) form; USER name; WORKDIR path; EXPOSE port. Comment
// lines, blank lines and backslash line continuations follow Docker's rules.
// Anything else (another instruction, another flag, a heredoc) is an error
// that names the line, so the image test cannot silently skip a step.
func Parse(r io.Reader) ([]Instruction, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var out []Instruction
	var cur strings.Builder
	start, n := 0, 0
	for sc.Scan() {
		n++
		line := sc.Text()
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "#") || (trim == "" && cur.Len() == 0) {
			continue // comments are dropped, also inside a continued instruction
		}
		if cur.Len() == 0 {
			start = n
		}
		if strings.HasSuffix(trim, `\`) {
			cur.WriteString(strings.TrimSpace(strings.TrimSuffix(trim, `\`)))
			cur.WriteByte(' ')
			continue
		}
		cur.WriteString(trim)
		in, err := parseInstruction(start, strings.TrimSpace(cur.String()))
		if err != nil {
			return nil, err
		}
		out = append(out, in)
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if cur.Len() > 0 {
		return nil, fmt.Errorf("Dockerfile:%d: the file ends inside a continued instruction", start)
	}
	if len(out) == 0 || out[0].Cmd != "FROM" {
		return nil, fmt.Errorf("Dockerfile: the first instruction must be FROM")
	}
	return out, nil
}

func parseInstruction(line int, text string) (Instruction, error) {
	cmd, rest, _ := strings.Cut(text, " ")
	in := Instruction{Line: line, Cmd: strings.ToUpper(cmd), Text: text}
	rest = strings.TrimSpace(rest)
	bad := func(format string, a ...any) (Instruction, error) {
		return Instruction{}, fmt.Errorf("Dockerfile:%d: %s: %s", line, in.Cmd, fmt.Sprintf(format, a...))
	}
	if rest == "" {
		return bad("no arguments")
	}
	if strings.Contains(rest, "<<") {
		return bad("heredocs are not supported")
	}
	switch in.Cmd {
	case "FROM":
		f := strings.Fields(rest)
		switch {
		case strings.HasPrefix(f[0], "--"):
			return bad("flag %s is not supported", f[0])
		case len(f) == 1:
			in.Args = f
		case len(f) == 3 && strings.EqualFold(f[1], "AS"):
			in.Args = []string{f[0], f[2]}
		default:
			return bad("want image[:tag] [AS name], have %q", rest)
		}
	case "ENV":
		kv, err := envPairs(rest)
		if err != nil {
			return bad("%v", err)
		}
		in.Args = kv
	case "COPY":
		f := strings.Fields(rest)
		for len(f) > 0 && strings.HasPrefix(f[0], "--") {
			v, ok := strings.CutPrefix(f[0], "--from=")
			if !ok || v == "" {
				return bad("flag %s is not supported (only --from=stage)", f[0])
			}
			in.From, f = v, f[1:]
		}
		if len(f) < 2 {
			return bad("want sources and a destination, have %q", rest)
		}
		if strings.HasPrefix(f[0], "[") {
			return bad("the JSON form is not supported")
		}
		for _, s := range f {
			if strings.ContainsAny(s, "*?[$") {
				return bad("wildcards and variables in paths are not supported: %q", s)
			}
		}
		in.Args = f
	case "RUN", "CMD":
		if strings.HasPrefix(rest, "--") {
			return bad("flags are not supported: %q", rest)
		}
		if strings.HasPrefix(rest, "[") {
			var argv []string
			if err := json.Unmarshal([]byte(rest), &argv); err != nil || len(argv) == 0 {
				return bad("exec form must be a non-empty JSON array of strings: %q", rest)
			}
			in.Args = argv
		} else {
			in.Args, in.Shell = []string{rest}, true
		}
	case "USER", "WORKDIR", "EXPOSE":
		f := strings.Fields(rest)
		if len(f) != 1 || strings.Contains(rest, "$") {
			return bad("want one literal value, have %q", rest)
		}
		if in.Cmd == "WORKDIR" && !strings.HasPrefix(f[0], "/") {
			return bad("want an absolute path, have %q", f[0])
		}
		in.Args = f
	default:
		return bad("not an instruction make test-image can carry out")
	}
	return in, nil
}

// envPairs splits ENV's arguments, key=value pairs separated by blanks,
// into keys and values; a value may be double-quoted. Variable references,
// escapes and single quotes are an error, so a value is what it says.
func envPairs(s string) ([]string, error) {
	var kv []string
	rest := strings.TrimSpace(s)
	for rest != "" {
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 || strings.ContainsAny(rest[:eq], " \t\"'") {
			return nil, fmt.Errorf("want key=value pairs, have %q", rest)
		}
		key := rest[:eq]
		rest = rest[eq+1:]
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unterminated quote in the value of %s", key)
			}
			val, rest = rest[1:end+1], rest[end+2:]
			if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
				return nil, fmt.Errorf("want a blank after the quoted value of %s", key)
			}
		} else {
			end := strings.IndexAny(rest, " \t")
			if end < 0 {
				end = len(rest)
			}
			val, rest = rest[:end], rest[end:]
		}
		if strings.ContainsAny(val, `$\'`) {
			return nil, fmt.Errorf("the value of %s uses a variable, an escape or a single quote, which are not supported: %q", key, val)
		}
		kv = append(kv, key, val)
		rest = strings.TrimSpace(rest)
	}
	return kv, nil
}
