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

// The refresh policy.
const (
	// timeout bounds one token request, from connect to the last byte.
	timeout = 20 * time.Second
	// renewMargin: renew this long before expiry...
	renewMargin = 300 * time.Second
	// maxRenewFraction: ...but by at most this fraction of the lifetime.
	maxRenewFraction = 0.5
	// defaultLifetime applies when the server omits expires_in.
	defaultLifetime = 600 * time.Second
	// refreshRetryDelay: after a failed background renewal, wait this long.
	refreshRetryDelay = 30 * time.Second
	// maxWait is the longest a caller waits when no token is usable.
	maxWait = 60 * time.Second
	// maxAttempts counts token requests in all while no token is usable.
	maxAttempts = 3
	// initialBackoff is the first retry delay, then doubled.
	initialBackoff = 1 * time.Second
	// backoffJitter: ± this fraction of randomness on each delay.
	backoffJitter = 0.1
	// maxRetryAfter caps a server's Retry-After.
	maxRetryAfter = 60 * time.Second
)

// retryStatuses are transient answers; network errors and timeouts are retried too.
var retryStatuses = []int{
	408, 429, 500, 502, 503, 504,
}

// env returns the environment variable's value, or an error naming it.
func env(name string) (string, error) {
	value := os.Getenv(name)
	if value == "" {
		return "", fmt.Errorf("set the %s environment variable", name)
	}
	return value, nil
}

// retryAfter is the wait a failed token request's answer asked for (RFC 9110 §10.2.3: seconds
// or an HTTP-date), capped.
func retryAfter(err error) (time.Duration, bool) {
	var tokenErr *TokenError
	if !errors.As(err, &tokenErr) || tokenErr.Header == nil {
		return 0, false
	}
	header := strings.TrimSpace(tokenErr.Header.Get("Retry-After"))
	var wait time.Duration
	if seconds, err := strconv.ParseUint(header, 10, 32); err == nil {
		wait = time.Duration(seconds) * time.Second
	} else if date, err := http.ParseTime(header); err == nil {
		wait = time.Until(date)
	} else {
		return 0, false
	}
	if wait < 0 {
		wait = 0
	} else if wait > maxRetryAfter {
		wait = maxRetryAfter
	}
	return wait, true
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
	case <-pending.done: // renew gives up by maxWait
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
	resp, err := m.client.Do(withBearer(req, token))
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
	retry := withBearer(req, token)
	if req.GetBody != nil {
		if retry.Body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	return m.client.Do(retry)
}

// RoundTrip adds the bearer token, so that the manager can be an http.Client's Transport:
// &http.Client{Transport: manager}, the manager's own client being another one. As the
// http.RoundTripper contract requires, it does not interpret the answer: a 401 is returned as
// it came. Call Do to have a 401 retried once with a new token.
func (m *TokenManager) RoundTrip(req *http.Request) (*http.Response, error) {
	token, err := m.Token(req.Context())
	if err != nil {
		if req.Body != nil {
			req.Body.Close() // RoundTrip closes the body, even on an error
		}
		return nil, err
	}
	transport := m.client.Transport
	if transport == nil {
		transport = http.DefaultTransport
	}
	return transport.RoundTrip(withBearer(req, token))
}

// withBearer is a copy of req with "Authorization: Bearer <token>".
func withBearer(req *http.Request, token string) *http.Request {
	authorized := req.Clone(req.Context())
	authorized.Header.Set("Authorization", "Bearer "+token)
	return authorized
}

// renewInBackground renews a usable token: one attempt; if it fails, cool down.
func (m *TokenManager) renewInBackground(done chan struct{}) {
	started := time.Now() // read before sending, so the expiry errs early
	token, lifetime, err := m.attempt(context.Background())
	m.mu.Lock()
	if err != nil { // keep the cached token until it expires
		delay := refreshRetryDelay
		if wait, ok := retryAfter(err); ok && wait > delay {
			delay = wait
		}
		m.retryAt = time.Now().Add(delay)
	} else {
		m.store(started, token, lifetime)
	}
	m.renewing = nil
	m.mu.Unlock()
	close(done)
}

// renew gets a token for every caller waiting on pending, within maxWait.
func (m *TokenManager) renew(pending *pendingToken) {
	ctx, cancel := context.WithTimeout(context.Background(), maxWait)
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

// store caches token and ends any cool-down; m.mu must be held.
func (m *TokenManager) store(started time.Time, token string, lifetime time.Duration) {
	margin := time.Duration(float64(lifetime) * maxRenewFraction)
	if margin > renewMargin {
		margin = renewMargin
	}
	m.token = token
	m.expiresAt = started.Add(lifetime)
	m.renewAt = m.expiresAt.Add(-margin)
	m.retryAt = time.Time{} // a renewal that failed before this token was stored no longer counts
}

// fetch is the token request, retrying transient failures with backoff until ctx's deadline.
func (m *TokenManager) fetch(ctx context.Context) (string, time.Duration, error) {
	for attempt := 1; ; attempt++ {
		token, lifetime, err := m.attempt(ctx)
		var tokenErr *TokenError
		if err == nil || attempt == maxAttempts || !errors.As(err, &tokenErr) || !retryable(tokenErr.Status) {
			return token, lifetime, err
		}
		delay, ok := retryAfter(err)
		if !ok {
			jitter := 1 + backoffJitter*(2*m.random.Float64()-1)
			delay = time.Duration(float64(initialBackoff<<(attempt-1)) * jitter)
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= delay {
			gaveUp := *tokenErr
			gaveUp.Message = fmt.Sprintf("no token within %v: %s", maxWait, tokenErr.Message)
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

// attempt is one token request, ending within timeout and by ctx's deadline.
// It returns the access token and its lifetime.
func (m *TokenManager) attempt(ctx context.Context) (string, time.Duration, error) {
	token, err := requestToken(ctx, m.client, m.clientID, m.clientSecret)
	if err != nil {
		return "", 0, err
	}
	lifetime, ok := token.lifetime()
	if !ok {
		lifetime = defaultLifetime
	}
	return token.AccessToken, lifetime, nil
}

// requestToken POSTs the client-credentials grant (RFC 6749 §4.4.2) and returns the token.
func requestToken(ctx context.Context, client *http.Client, clientID, clientSecret string) (*tokenResponse, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	form.Set("client_id", clientID)
	ctx, cancel := context.WithTimeout(ctx, timeout) // connecting, sending and reading the whole answer
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, &TokenError{Message: "token request failed: " + err.Error()}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(basicEncode(clientID), basicEncode(clientSecret))
	resp, err := client.Do(req)
	if err != nil {
		return nil, noAnswer(err)
	}
	defer resp.Body.Close()
	var token tokenResponse
	err = json.NewDecoder(resp.Body).Decode(&token)
	failed := &TokenError{
		Message: fmt.Sprintf("token request failed with HTTP %d", resp.StatusCode),
		Status:  resp.StatusCode, Code: token.Error, Description: token.ErrorDescription, Header: resp.Header,
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return nil, noAnswer(err)
	case err != nil:
		failed.Message += ": the answer is not a JSON token response: " + err.Error()
		return nil, failed
	case resp.StatusCode/100 != 2 || token.Error != "": // RFC 6749 §5.2
		for _, detail := range []string{token.Error, token.ErrorDescription} {
			if detail != "" {
				failed.Message += ": " + detail
			}
		}
		return nil, failed
	case token.AccessToken == "":
		failed.Message = "the token response has no access_token"
		return nil, failed
	case !strings.EqualFold(token.TokenType, "bearer"):
		failed.Message = fmt.Sprintf("the token_type is %q, not bearer", token.TokenType)
		return nil, failed
	}
	return &token, nil // a refresh_token, if any, is not used: the grant is simply run again
}

// tokenResponse is the token endpoint's JSON answer (RFC 6749 §5.1, or §5.2 for an error).
type tokenResponse struct {
	AccessToken      string      `json:"access_token"`
	TokenType        string      `json:"token_type"`
	ExpiresIn        json.Number `json:"expires_in"` // a number, or a numeric string from some servers
	Error            string      `json:"error"`
	ErrorDescription string      `json:"error_description"`
}

// lifetime is expires_in, when the server sent a usable one.
func (t *tokenResponse) lifetime() (time.Duration, bool) {
	seconds, err := t.ExpiresIn.Float64()
	if err != nil || seconds <= 0 || seconds > 1e9 {
		return 0, false
	}
	return time.Duration(seconds * float64(time.Second)), true
}

// TokenError is a failed token request. Its message never contains the secret or a token.
type TokenError struct {
	Message     string
	Status      int         // the HTTP status; 0 when no answer came (network error, timeout)
	Code        string      // the server's error, such as invalid_client
	Description string      // the server's error_description
	Header      http.Header // the answer's headers, such as Retry-After; nil when no answer came
}

func (e *TokenError) Error() string { return e.Message }

// noAnswer is the TokenError of a request that got no (whole) answer.
func noAnswer(err error) *TokenError {
	if errors.Is(err, context.DeadlineExceeded) {
		return &TokenError{Message: fmt.Sprintf("the token request timed out after %v", timeout)}
	}
	return &TokenError{Message: "token request failed: " + err.Error()}
}

// basicEncode form-encodes a client ID or secret for the Basic header, as RFC 6749 §2.3.1 asks,
// with a space as %20 rather than +: servers such as Authlib percent-decode it and keep a +.
func basicEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
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
