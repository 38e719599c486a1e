// Keep an OAuth 2.0 client-credentials access token fresh and call an API with it.
//
// TokenManager caches the token and renews it in the background before it expires, so callers
// never wait while the cached token is usable. Without a usable token, all callers share one
// token request (retried with backoff). An API call that gets a 401 is retried once.
//
// Run:   CLIENT_ID=... CLIENT_SECRET=... go run token_manager.go
// Needs: Go 1.19 or later, standard library only.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	tokenURL = "https://auth.example.com/oauth2/token"
	apiURL   = "https://api.example.com/v1/resource"
)

// The refresh policy, in seconds.
const (
	// timeoutSeconds bounds one token request, from connect to the last byte.
	timeoutSeconds = 20
	// renewMarginSeconds: renew this long before expiry...
	renewMarginSeconds = 300
	// maxRenewFraction: ...but by at most this fraction of the lifetime.
	maxRenewFraction = 0.5
	// defaultLifetimeSeconds applies when the server omits expires_in.
	defaultLifetimeSeconds = 600
	// refreshRetryDelaySeconds: after a failed background renewal, wait this long.
	refreshRetryDelaySeconds = 30
	// maxWaitSeconds is the longest a caller waits when no token is usable.
	maxWaitSeconds = 60
	// maxAttempts counts token requests in all while no token is usable.
	maxAttempts = 3
	// initialBackoffSeconds is the first retry delay, then doubled.
	initialBackoffSeconds = 1
	// backoffJitter: ± this fraction of randomness on each delay.
	backoffJitter = 0.1
	// maxRetryAfterSeconds caps a server's Retry-After.
	maxRetryAfterSeconds = 60
)

// retryStatuses are transient answers; network errors and timeouts are retried too.
var retryStatuses = []int{
	408, 429, 500, 502, 503, 504,
}

// TokenError is a failed token request. Its message never contains a secret or a token.
type TokenError struct {
	Message     string
	Status      int    // the HTTP status; 0 when there was no answer (network error, timeout)
	Code        string // the server's error, such as invalid_client
	Description string // the server's error_description
	// RetryAfter is the wait the server asked for, when HasRetryAfter.
	RetryAfter    time.Duration
	HasRetryAfter bool
}

func (e *TokenError) Error() string { return e.Message }

// duration converts seconds to a time.Duration.
func duration(seconds float64) time.Duration {
	return time.Duration(seconds * float64(time.Second))
}

// env returns the environment variable's value, or an error naming it.
func env(name string) (string, error) {
	value := os.Getenv(name)
	if value == "" {
		return "", fmt.Errorf("set the %s environment variable", name)
	}
	return value, nil
}

// lifetime reads expires_in (a number or a numeric string), else the default.
func lifetime(expiresIn any) time.Duration {
	seconds := 0.0
	switch value := expiresIn.(type) {
	case float64:
		seconds = value
	case string:
		seconds, _ = strconv.ParseFloat(strings.TrimSpace(value), 64)
	}
	if !(seconds > 0 && seconds < 1e9) {
		seconds = defaultLifetimeSeconds
	}
	return duration(seconds)
}

// retryAfter reads the server's Retry-After (RFC 9110 §10.2.3: seconds or an HTTP-date), capped.
func retryAfter(header string) (time.Duration, bool) {
	header = strings.TrimSpace(header)
	wait := 0.0
	if seconds, err := strconv.ParseUint(header, 10, 32); err == nil {
		wait = float64(seconds)
	} else if date, err := http.ParseTime(header); err == nil {
		wait = math.Max(time.Until(date).Seconds(), 0)
	} else {
		return 0, false
	}
	return duration(math.Min(wait, maxRetryAfterSeconds)), true
}

// formEncode percent-encodes s as application/x-www-form-urlencoded, a space as %20.
func formEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// TokenManager is a goroutine-safe access-token cache for the client-credentials grant.
type TokenManager struct {
	clientID     string
	clientSecret string
	client       *http.Client
	random       *rand.Rand // backoff jitter; used only by the one shared request

	mu        sync.Mutex // guards the fields below
	token     string
	expiresAt time.Time // time.Now() values, compared on the monotonic clock
	renewAt   time.Time
	retryAt   time.Time     // no background renewal before this (cool-down)
	renewing  chan struct{} // the background renewal, closed when it ends; nil when none
	pending   *pendingToken // the request every waiting caller shares; nil when none
}

// pendingToken is one token request that several callers wait for.
type pendingToken struct {
	done  chan struct{} // closed once token or err is set
	token string
	err   error
}

// NewTokenManager returns a manager for the client's credentials; client sends the API calls
// and token requests (nil: http.DefaultClient).
func NewTokenManager(clientID, clientSecret string, client *http.Client) *TokenManager {
	if client == nil {
		client = http.DefaultClient
	}
	return &TokenManager{
		clientID:     clientID,
		clientSecret: clientSecret,
		client:       client,
		random:       rand.New(rand.NewSource(time.Now().UnixNano())),
	}
}

// String keeps the secret and the token out of fmt's %v and %+v.
func (m *TokenManager) String() string { return "TokenManager{}" }

// Token returns the cached token while it is usable, else waits for a new one.
func (m *TokenManager) Token(ctx context.Context) (string, error) {
	m.mu.Lock()
	now := time.Now()
	if m.token != "" && now.Before(m.expiresAt) {
		if !now.Before(m.renewAt) && !now.Before(m.retryAt) && m.renewing == nil {
			m.renewing = make(chan struct{})
			go m.renewInBackground(m.renewing)
		}
		token := m.token
		m.mu.Unlock()
		return token, nil
	}
	pending := m.pending
	if pending == nil { // one goroutine sends the request; every caller waits for its outcome
		pending = &pendingToken{done: make(chan struct{})}
		m.pending = pending
		go m.renew(pending)
	}
	m.mu.Unlock()
	select {
	case <-pending.done: // renew gives up by maxWaitSeconds
		return pending.token, pending.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Invalidate drops the cached token if it is token; "" drops whatever is cached.
func (m *TokenManager) Invalidate(token string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if token == "" || token == m.token {
		m.token = ""
	}
}

// Do sends req with the bearer token (RFC 6750 §2.1); on a 401 it retries once with a new token.
// A request with a body is retried only if it has GetBody (http.NewRequest sets it).
func (m *TokenManager) Do(req *http.Request) (*http.Response, error) {
	token, err := m.Token(req.Context())
	if err != nil {
		return nil, err
	}
	authorized := req.Clone(req.Context())
	authorized.Header.Set("Authorization", "Bearer "+token)
	resp, err := m.client.Do(authorized)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || (req.Body != nil && req.GetBody == nil) {
		return resp, err
	}
	// Revoked or expired early: drop it, unless another caller has already replaced it.
	m.Invalidate(token)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if token, err = m.Token(req.Context()); err != nil {
		return nil, err
	}
	retry := req.Clone(req.Context())
	if req.GetBody != nil {
		if retry.Body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	retry.Header.Set("Authorization", "Bearer "+token)
	return m.client.Do(retry)
}

// RoundTrip lets the manager serve as an http.Client's Transport:
// &http.Client{Transport: manager}. The manager's own client must not be that client.
func (m *TokenManager) RoundTrip(req *http.Request) (*http.Response, error) {
	return m.Do(req)
}

// renewInBackground renews a usable token: one attempt; if it fails, cool down.
func (m *TokenManager) renewInBackground(done chan struct{}) {
	started := time.Now() // read before sending, so the expiry errs early
	token, lifetime, err := m.attempt(context.Background())
	m.mu.Lock()
	if err != nil { // keep the cached token until it expires
		delay := duration(refreshRetryDelaySeconds)
		var tokenErr *TokenError
		if errors.As(err, &tokenErr) && tokenErr.HasRetryAfter && tokenErr.RetryAfter > delay {
			delay = tokenErr.RetryAfter
		}
		m.retryAt = time.Now().Add(delay)
	} else {
		m.store(started, token, lifetime)
	}
	m.renewing = nil
	m.mu.Unlock()
	close(done)
}

// renew gets a token for every caller waiting on pending, within maxWaitSeconds.
func (m *TokenManager) renew(pending *pendingToken) {
	ctx, cancel := context.WithTimeout(context.Background(), duration(maxWaitSeconds))
	defer cancel()
	pending.token, pending.err = m.newToken(ctx)
	m.mu.Lock()
	m.pending = nil
	m.mu.Unlock()
	close(pending.done)
}

func (m *TokenManager) newToken(ctx context.Context) (string, error) {
	m.mu.Lock()
	renewing := m.renewing
	m.mu.Unlock()
	if renewing != nil { // one request at a time: let the background renewal end
		select {
		case <-renewing:
		case <-ctx.Done():
		}
		m.mu.Lock()
		token, usable := m.token, time.Now().Before(m.expiresAt)
		m.mu.Unlock()
		if token != "" && usable {
			return token, nil
		}
	}
	started := time.Now() // read before sending, so the expiry errs early
	token, lifetime, err := m.fetch(ctx)
	if err != nil {
		return "", err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.store(started, token, lifetime)
	return token, nil
}

// store caches token; m.mu must be held.
func (m *TokenManager) store(started time.Time, token string, lifetime time.Duration) {
	margin := time.Duration(math.Min(renewMarginSeconds*float64(time.Second), float64(lifetime)*maxRenewFraction))
	m.token = token
	m.expiresAt = started.Add(lifetime)
	m.renewAt = m.expiresAt.Add(-margin)
}

// fetch is the token request, retrying transient failures with backoff until ctx's deadline.
func (m *TokenManager) fetch(ctx context.Context) (string, time.Duration, error) {
	for attempt := 1; ; attempt++ {
		token, lifetime, err := m.attempt(ctx)
		var tokenErr *TokenError
		if err == nil || attempt == maxAttempts || !errors.As(err, &tokenErr) || !retryable(tokenErr.Status) {
			return token, lifetime, err
		}
		delay := tokenErr.RetryAfter
		if !tokenErr.HasRetryAfter {
			jitter := 1 + backoffJitter*(2*m.random.Float64()-1)
			delay = duration(initialBackoffSeconds * math.Pow(2, float64(attempt-1)) * jitter)
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= delay {
			gaveUp := *tokenErr
			gaveUp.Message = fmt.Sprintf("no token within %v s: %s", maxWaitSeconds, tokenErr.Message)
			return "", 0, &gaveUp
		}
		timer := time.NewTimer(delay)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return "", 0, err
		}
	}
}

// retryable reports whether a failed attempt may be retried: no answer, or a transient status.
func retryable(status int) bool {
	if status == 0 {
		return true
	}
	for _, transient := range retryStatuses {
		if status == transient {
			return true
		}
	}
	return false
}

// attempt is one token request, ending within timeoutSeconds and by ctx's deadline.
// It returns the access token and its lifetime.
func (m *TokenManager) attempt(ctx context.Context) (string, time.Duration, error) {
	var form strings.Builder
	add := func(name, value string) {
		if form.Len() > 0 {
			form.WriteByte('&')
		}
		form.WriteString(url.QueryEscape(name) + "=" + url.QueryEscape(value))
	}
	add("grant_type", "client_credentials")
	add("client_id", m.clientID)

	// The context's deadline covers connecting, sending and reading the whole body.
	ctx, cancel := context.WithTimeout(ctx, duration(timeoutSeconds))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.String()))
	if err != nil {
		return "", 0, &TokenError{Message: "token request failed: " + err.Error()}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	// RFC 6749 §2.3.1: percent-encode the ID and secret before they go into the Basic
	// header. Most samples skip this and fail on secrets containing ":", "%" or "+".
	req.SetBasicAuth(formEncode(m.clientID), formEncode(m.clientSecret))
	resp, err := m.client.Do(req)
	var body []byte
	if err == nil {
		body, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "", 0, &TokenError{Message: "the token request timed out"}
	} else if err != nil {
		return "", 0, &TokenError{Message: "token request failed: " + err.Error()}
	}
	status := resp.StatusCode
	failed := &TokenError{Message: fmt.Sprintf("token request failed with HTTP %d", status), Status: status}
	if status/100 != 2 {
		failed.RetryAfter, failed.HasRetryAfter = retryAfter(resp.Header.Get("Retry-After"))
	}
	var token map[string]any
	if json.Unmarshal(body, &token) != nil || token == nil {
		failed.Message += ": the response is not JSON"
		return "", 0, failed
	}
	if _, isError := token["error"]; status/100 != 2 || isError { // RFC 6749 §5.2
		failed.Code, _ = token["error"].(string)
		failed.Description, _ = token["error_description"].(string)
		for _, detail := range []string{failed.Code, failed.Description} {
			if detail != "" {
				failed.Message += ": " + detail
			}
		}
		return "", 0, failed
	}
	accessToken, _ := token["access_token"].(string)
	if accessToken == "" {
		return "", 0, &TokenError{Message: "the token response has no access_token", Status: status}
	}
	if tokenType, _ := token["token_type"].(string); !strings.EqualFold(tokenType, "bearer") {
		message := fmt.Sprintf("the token_type is %q, not bearer", fmt.Sprint(token["token_type"]))
		return "", 0, &TokenError{Message: message, Status: status}
	}
	// Any refresh_token is ignored: the grant is simply run again (RFC 6749 §4.4.3).
	return accessToken, lifetime(token["expires_in"]), nil
}

func main() {
	fail := func(err error) {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
	clientID, err := env("CLIENT_ID")
	if err != nil {
		fail(err)
	}
	clientSecret, err := env("CLIENT_SECRET")
	if err != nil {
		fail(err)
	}
	manager := NewTokenManager(clientID, clientSecret, nil)
	req, err := http.NewRequest(http.MethodGet, apiURL, nil)
	if err != nil {
		fail(err)
	}
	resp, err := manager.Do(req)
	if err != nil {
		fail(err)
	}
	resp.Body.Close()
	fmt.Printf("GET %s -> HTTP %d\n", apiURL, resp.StatusCode)
	if resp.StatusCode/100 != 2 {
		os.Exit(1)
	}
}
