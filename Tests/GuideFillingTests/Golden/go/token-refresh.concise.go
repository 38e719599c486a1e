// Keep an OAuth 2.0 client-credentials token fresh. Run: CLIENT_ID=... CLIENT_SECRET=... go run token_manager.go
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
)

func (m *TokenManager) requestToken(ctx context.Context) (string, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://auth.example.com/oauth2/token", strings.NewReader(m.form.Encode()))
	req.Header = http.Header{"Accept": {"application/json"}, "Content-Type": {"application/x-www-form-urlencoded"}}
	req.SetBasicAuth(url.QueryEscape(m.clientID), url.QueryEscape(m.clientSecret)) // form-encoded first, so a ":" in them is safe (RFC 6749 §2.3.1)
	resp, err := m.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	token := map[string]any{"expires_in": 600} // the lifetime when the server does not say
	if json.NewDecoder(resp.Body).Decode(&token) != nil || resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("token request failed with HTTP %d: %v: %v", resp.StatusCode, token["error"], token["error_description"])
	}
	lifetime, _ := json.Number(fmt.Sprint(token["expires_in"])).Float64() // a number or a numeric string
	m.token, _ = token["access_token"].(string)
	margin := 0.5 * lifetime // renew ahead of expiry by this fraction of the lifetime, but by no more than the renew margin
	if margin > 300 {
		margin = 300
	}
	m.renewAt = time.Now().Add(time.Duration((lifetime - margin) * float64(time.Second)))
	return m.token, nil
}

// TokenManager caches a client-credentials access token (RFC 6749 §4.4); Token renews it when due.
type TokenManager struct {
	clientID, clientSecret, token string
	form                          url.Values
	client                        *http.Client
	mu                            sync.Mutex // held during a token request: callers that need a token share it
	renewAt                       time.Time
}

func NewTokenManager(clientID, clientSecret string, client *http.Client) *TokenManager {
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}}
	return &TokenManager{clientID: clientID, clientSecret: clientSecret, form: form, client: client}
}

func (m *TokenManager) Token(ctx context.Context) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.token != "" && time.Now().Before(m.renewAt) {
		return m.token, nil
	}
	return m.requestToken(ctx)
}

func (m *TokenManager) Invalidate(token string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if token == "" || token == m.token {
		m.token = ""
	}
}

// Do sends req with the bearer token (RFC 6750 §2.1); after a 401 it retries once with a new one.
func (m *TokenManager) Do(req *http.Request) (*http.Response, error) {
	for retried := false; ; retried = true {
		token, err := m.Token(req.Context())
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := m.client.Do(req)
		if err != nil || resp.StatusCode != http.StatusUnauthorized || retried {
			return resp, err
		}
		resp.Body.Close()
		m.Invalidate(token) // revoked or expired early: drop it, unless another caller already did
	}
}

func main() {
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.com/v1/resource", nil)
	resp, err := NewTokenManager(os.Getenv("CLIENT_ID"), os.Getenv("CLIENT_SECRET"), nil).Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Printf("GET %s -> HTTP %d\n", req.URL, resp.StatusCode)
}
