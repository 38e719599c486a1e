// Execution-test driver for the Go token manager sample (test fixture, not a sample).
//
// Go has one main per program and the sample is `package main` with its own. So the build copies
// the exported token_manager.go, unedited, beside this file and compiles the two together: this
// file's init runs after the sample's package variables are set and before the sample's main,
// runs the case and exits, so the sample's main never runs.
//
// Usage: driver '<case JSON>'. The case is {"client_id", "client_secret", "api_url", "server",
// "steps": [...]}; prints {"results": [...]} to stdout; each result has "op", "t" (seconds since
// the driver started, when the step finished) and "elapsed" (seconds the step took). Tokens
// appear only as short sha256 hashes.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"sync"
	"time"
)

type driverCase struct {
	ClientID     string           `json:"client_id"`
	ClientSecret string           `json:"client_secret"`
	APIURL       string           `json:"api_url"`
	Server       string           `json:"server"`
	Steps        []map[string]any `json:"steps"`
}

var driverStart = time.Now()

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])[:12]
}

// concurrently runs call n times at once; returns the results and the error messages.
func concurrently[T any](n int, call func() (T, error)) ([]T, []string) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	results, errs := []T{}, []string{}
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			value, err := call()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err.Error())
			} else {
				results = append(results, value)
			}
		}()
	}
	close(start)
	wg.Wait()
	return results, errs
}

// absentOrNil reports whether the manager's field is nil, or absent: the concise form has no
// background work, so it has neither renewing nor pending (the complete form has both).
func absentOrNil(manager *TokenManager, name string) bool {
	field := reflect.ValueOf(manager).Elem().FieldByName(name)
	return !field.IsValid() || field.IsNil()
}

func number(step map[string]any, key string) float64 {
	value, _ := step[key].(float64)
	return value
}

func request(manager *TokenManager, apiURL string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, apiURL, nil)
	if err != nil {
		return 0, err
	}
	resp, err := manager.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func runStep(step map[string]any, c driverCase, manager *TokenManager) map[string]any {
	op, _ := step["op"].(string)
	result := map[string]any{"op": op}
	started := time.Now()
	var err error
	switch op {
	case "request":
		var status int
		if status, err = request(manager, c.APIURL); err == nil {
			result["status"] = status
		}
	case "get_token":
		var token string
		if token, err = manager.Token(context.Background()); err == nil {
			result["token"] = tokenHash(token)
		}
	case "concurrent_get_token":
		tokens, errs := concurrently(int(number(step, "n")), func() (string, error) {
			return manager.Token(context.Background())
		})
		hashes := []string{}
		for _, token := range tokens {
			hashes = append(hashes, tokenHash(token))
		}
		result["tokens"], result["errors"] = hashes, errs
	case "concurrent_request":
		statuses, errs := concurrently(int(number(step, "n")), func() (int, error) {
			return request(manager, c.APIURL)
		})
		result["statuses"], result["errors"] = statuses, errs
	case "sleep":
		time.Sleep(time.Duration(number(step, "seconds") * float64(time.Second)))
	case "revoke":
		var resp *http.Response
		revokeURL := c.Server + "/_test/revoke?client_id=" + url.QueryEscape(c.ClientID)
		if resp, err = http.Post(revokeURL, "application/json", nil); err == nil {
			resp.Body.Close()
			if resp.StatusCode/100 != 2 {
				err = fmt.Errorf("revoke: HTTP %d", resp.StatusCode)
			}
		}
	case "invalidate":
		manager.Invalidate("")
	case "repeat":
		inner, _ := step["step"].(map[string]any)
		results := []map[string]any{}
		for i := 0; i < int(number(step, "count")); i++ {
			if i > 0 {
				time.Sleep(time.Duration(number(step, "interval") * float64(time.Second)))
			}
			results = append(results, runStep(inner, c, manager))
		}
		result["results"] = results
	default:
		err = fmt.Errorf("unknown op %q", op)
	}
	if err != nil {
		result["error"] = err.Error()
	}
	finished := time.Now()
	result["t"] = finished.Sub(driverStart).Seconds()   // when the step finished
	result["elapsed"] = finished.Sub(started).Seconds() // how long the step took, in seconds
	return result
}

func init() {
	var c driverCase
	if len(os.Args) < 2 || json.Unmarshal([]byte(os.Args[len(os.Args)-1]), &c) != nil {
		fmt.Fprintln(os.Stderr, "usage: driver '<case JSON>'")
		os.Exit(2)
	}
	manager := NewTokenManager(c.ClientID, c.ClientSecret, nil)
	results := []map[string]any{}
	for _, step := range c.Steps {
		results = append(results, runStep(step, c, manager))
	}
	// A background renewal may still be in flight: let it reach the server before exiting, so
	// the server's log is complete (the sample's timeouts bound it).
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		manager.mu.Lock()
		idle := absentOrNil(manager, "renewing") && absentOrNil(manager, "pending")
		manager.mu.Unlock()
		if idle {
			break
		}
	}
	out, _ := json.Marshal(map[string]any{"results": results})
	fmt.Println(string(out))
	os.Exit(0)
}
