//go:build notebooks || image

package docker

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The client below drives a live Jupyter server (JupyterLab or the classic
// Notebook server) through its HTTP API as a browser would: the contents
// API, the sessions API and a kernel's websocket channels. It is shared by
// the make lab test (tag notebooks) and make test-image (tag image).

// tokenURL matches the URL with the token that a Jupyter server logs.
var tokenURL = regexp.MustCompile(`http://[\w.-]+:(\d+)/[a-z]*\??token=([0-9a-f]+)`)

// waitForServer reads the server's log at path until it shows the URL
// with the token, and returns the base URL (on 127.0.0.1) and the token.
func waitForServer(t *testing.T, path string, exited <-chan error, timeout time.Duration) (base, token string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(path)
		if m := tokenURL.FindSubmatch(b); m != nil {
			return "http://127.0.0.1:" + string(m[1]), string(m[2])
		}
		select {
		case err := <-exited:
			t.Fatalf("the server exited before it served (%v); its log:\n%s", err, b)
		case <-time.After(500 * time.Millisecond):
		}
	}
	b, _ := os.ReadFile(path)
	t.Fatalf("no URL with a token in the server's log after %v:\n%s", timeout, b)
	return "", ""
}

// jupyter is a client of one server.
type jupyter struct {
	base, token string
}

// get requests path with (auth) or without the token and returns the
// status and body.
func (j jupyter) do(method, path string, body any, auth bool) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, j.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	if auth {
		req.Header.Set("Authorization", "token "+j.token)
	}
	c := http.Client{Timeout: 60 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// api requests path with the token, wants status want and decodes the
// JSON body into v (if not nil).
func (j jupyter) api(t *testing.T, method, path string, body any, want int, v any) {
	t.Helper()
	code, b, err := j.do(method, path, body, true)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if code != want {
		t.Fatalf("%s %s: status %d, want %d: %.300s", method, path, code, want, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s %s: %v: %.300s", method, path, err, b)
		}
	}
}

// refusesWithoutToken checks that the API and the notebook's page refuse a
// request that carries no token.
func (j jupyter) refusesWithoutToken(t *testing.T, nbPath string) {
	t.Helper()
	for _, p := range []string{"/api/contents", "/api/contents/" + nbPath, "/api/kernels"} {
		code, b, err := j.do("GET", p, nil, false)
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		if code != http.StatusForbidden && code != http.StatusUnauthorized {
			t.Errorf("GET %s without the token: status %d, want 403 or 401: %.200s", p, code, b)
		}
	}
	// And with a wrong token.
	bad := jupyter{j.base, strings.Repeat("0", len(j.token))}
	if code, _, err := bad.do("GET", "/api/contents", nil, true); err != nil || (code != 403 && code != 401) {
		t.Errorf("GET /api/contents with a wrong token: status %d (%v), want 403 or 401", code, err)
	}
}

type contents struct {
	Name    string          `json:"name"`
	Path    string          `json:"path"`
	Type    string          `json:"type"`
	Content json.RawMessage `json:"content"`
}

// list returns the names in the folder dir (relative to the server's root).
func (j jupyter) list(t *testing.T, dir string) []string {
	t.Helper()
	var c contents
	j.api(t, "GET", "/api/contents/"+dir, nil, 200, &c)
	var items []contents
	if err := json.Unmarshal(c.Content, &items); err != nil {
		t.Fatalf("listing %s: %v", dir, err)
	}
	var names []string
	for _, it := range items {
		names = append(names, it.Name)
	}
	return names
}

// codeCells opens the notebook at path through the contents API and
// returns the sources of its code cells.
func (j jupyter) codeCells(t *testing.T, path string) []string {
	t.Helper()
	var c contents
	j.api(t, "GET", "/api/contents/"+path+"?content=1&type=notebook", nil, 200, &c)
	var nb struct {
		Cells []struct {
			Type   string          `json:"cell_type"`
			Source json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(c.Content, &nb); err != nil {
		t.Fatalf("notebook %s: %v", path, err)
	}
	var cells []string
	for _, cell := range nb.Cells {
		if cell.Type != "code" {
			continue
		}
		var s string
		if json.Unmarshal(cell.Source, &s) != nil {
			var lines []string
			if err := json.Unmarshal(cell.Source, &lines); err != nil {
				t.Fatalf("notebook %s: a cell's source: %v", path, err)
			}
			s = strings.Join(lines, "")
		}
		cells = append(cells, s)
	}
	if len(cells) == 0 {
		t.Fatalf("notebook %s has no code cell", path)
	}
	return cells
}

// cellResult is what a kernel sent back for one cell.
type cellResult struct {
	status  string // execute_reply's status: ok, error or aborted
	text    string // stream output and text/plain results
	html    []string
	errText string
	elapsed time.Duration
}

// runUntilChart opens a session for the notebook at path with the kernel
// named kernel, runs its code cells in order through the kernel's websocket
// until one displays a chart (HTML output with ECharts), and returns the
// results of the cells it ran. Each cell must reply "ok" within timeout.
func (j jupyter) runUntilChart(t *testing.T, path, kernel string, timeout time.Duration) []cellResult {
	t.Helper()
	cells := j.codeCells(t, path)
	var sess struct {
		ID     string `json:"id"`
		Kernel struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"kernel"`
	}
	j.api(t, "POST", "/api/sessions", map[string]any{
		"path": path, "name": path, "type": "notebook", "kernel": map[string]string{"name": kernel},
	}, 201, &sess)
	if sess.Kernel.Name != kernel || sess.Kernel.ID == "" {
		t.Fatalf("the session for %s has kernel %q (%q), want %q", path, sess.Kernel.Name, sess.Kernel.ID, kernel)
	}
	defer j.api(t, "DELETE", "/api/sessions/"+sess.ID, nil, 204, nil)
	ws, err := dialWebsocket(j.base, "/api/kernels/"+sess.Kernel.ID+"/channels?session_id="+sess.ID, j.token)
	if err != nil {
		t.Fatalf("the kernel's websocket: %v", err)
	}
	defer ws.Close()
	var results []cellResult
	for i, code := range cells {
		r, err := ws.execute(code, timeout)
		if err != nil {
			t.Fatalf("cell %d of %s: %v", i+1, path, err)
		}
		if r.status != "ok" {
			t.Fatalf("cell %d of %s: status %q: %s\n%s", i+1, path, r.status, r.errText, code)
		}
		t.Logf("cell %d of %s ran in %.1f s: %d HTML outputs, text %.120q", i+1, path, r.elapsed.Seconds(), len(r.html), r.text)
		results = append(results, r)
		for _, h := range r.html {
			if strings.Contains(h, "echarts") {
				return results
			}
		}
	}
	t.Fatalf("no cell of %s displayed a chart", path)
	return nil
}

// A websocket connection (RFC 6455), client side, text frames only: what a
// Jupyter kernel's channels need.
type websocket struct {
	conn    net.Conn
	r       *bufio.Reader
	session string
}

func dialWebsocket(base, path, token string) (*websocket, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	conn, err := net.DialTimeout("tcp", u.Host, 10*time.Second)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	rand.Read(key)
	k := base64.StdEncoding.EncodeToString(key)
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\nAuthorization: token %s\r\n\r\n", path, u.Host, k, token)
	r := bufio.NewReader(conn)
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		conn.Close()
		return nil, fmt.Errorf("websocket upgrade: status %d: %s", resp.StatusCode, b)
	}
	sum := sha1.Sum([]byte(k + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	if resp.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]) {
		conn.Close()
		return nil, errors.New("websocket upgrade: wrong Sec-WebSocket-Accept")
	}
	sid := make([]byte, 16)
	rand.Read(sid)
	return &websocket{conn: conn, r: r, session: hex.EncodeToString(sid)}, nil
}

func (ws *websocket) Close() error { return ws.conn.Close() }

// write sends one masked frame with the given opcode.
func (ws *websocket) write(op byte, payload []byte) error {
	var h []byte
	h = append(h, 0x80|op)
	switch n := len(payload); {
	case n < 126:
		h = append(h, 0x80|byte(n))
	case n < 1<<16:
		h = append(h, 0x80|126, byte(n>>8), byte(n))
	default:
		h = append(h, 0x80|127)
		h = binary.BigEndian.AppendUint64(h, uint64(n))
	}
	mask := make([]byte, 4)
	rand.Read(mask)
	h = append(h, mask...)
	masked := make([]byte, len(payload))
	for i, b := range payload {
		masked[i] = b ^ mask[i%4]
	}
	_, err := ws.conn.Write(append(h, masked...))
	return err
}

// read returns the next text message, answering pings and joining
// fragments.
func (ws *websocket) read(deadline time.Time) ([]byte, error) {
	ws.conn.SetReadDeadline(deadline)
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(ws.r, h[:]); err != nil {
			return nil, err
		}
		fin, op := h[0]&0x80 != 0, h[0]&0x0f
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(ws.r, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(ws.r, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		if h[1]&0x80 != 0 || n > 256<<20 {
			return nil, fmt.Errorf("websocket: bad frame header % x (length %d)", h, n)
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(ws.r, payload); err != nil {
			return nil, err
		}
		switch op {
		case 0x8:
			return nil, errors.New("websocket: the server closed the connection")
		case 0x9:
			if err := ws.write(0xA, payload); err != nil {
				return nil, err
			}
			continue
		case 0xA:
			continue
		case 0x2:
			return nil, errors.New("websocket: binary frame (a protocol this client did not ask for)")
		}
		msg = append(msg, payload...)
		if fin {
			return msg, nil
		}
	}
}

// kernelMsg is a Jupyter message in the JSON form of the websocket channels.
type kernelMsg struct {
	Header       map[string]any `json:"header"`
	ParentHeader map[string]any `json:"parent_header"`
	Metadata     map[string]any `json:"metadata"`
	Content      map[string]any `json:"content"`
	Channel      string         `json:"channel"`
	Buffers      []any          `json:"buffers"`
}

// execute sends code as an execute_request and collects the replies to it
// until the kernel is idle and has sent its execute_reply.
func (ws *websocket) execute(code string, timeout time.Duration) (cellResult, error) {
	start := time.Now()
	idb := make([]byte, 16)
	rand.Read(idb)
	id := hex.EncodeToString(idb)
	req := kernelMsg{
		Header: map[string]any{"msg_id": id, "msg_type": "execute_request", "session": ws.session,
			"username": "test", "version": "5.3", "date": time.Now().UTC().Format(time.RFC3339)},
		ParentHeader: map[string]any{}, Metadata: map[string]any{}, Channel: "shell", Buffers: []any{},
		Content: map[string]any{"code": code, "silent": false, "store_history": true,
			"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true},
	}
	b, _ := json.Marshal(req)
	if err := ws.write(0x1, b); err != nil {
		return cellResult{}, err
	}
	var r cellResult
	replied, idle := false, false
	deadline := start.Add(timeout)
	for !replied || !idle {
		raw, err := ws.read(deadline)
		if err != nil {
			return r, fmt.Errorf("after %.1f s: %w", time.Since(start).Seconds(), err)
		}
		var m kernelMsg
		if err := json.Unmarshal(raw, &m); err != nil {
			return r, fmt.Errorf("a message that is not JSON: %v: %.200s", err, raw)
		}
		if m.ParentHeader["msg_id"] != id {
			continue
		}
		switch m.Header["msg_type"] {
		case "execute_reply":
			replied = true
			r.status, _ = m.Content["status"].(string)
		case "status":
			idle = m.Content["execution_state"] == "idle"
		case "stream":
			s, _ := m.Content["text"].(string)
			r.text += s
		case "error":
			tb, _ := json.Marshal(m.Content["traceback"])
			r.errText += fmt.Sprintf("%v: %v %s", m.Content["ename"], m.Content["evalue"], tb)
		case "display_data", "execute_result", "update_display_data":
			data, _ := m.Content["data"].(map[string]any)
			if h, ok := data["text/html"].(string); ok {
				r.html = append(r.html, h)
			}
			if s, ok := data["text/plain"].(string); ok {
				r.text += s
			}
		}
	}
	r.elapsed = time.Since(start)
	return r, nil
}
