// Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
//
// Run:   CLIENT_ID=... CLIENT_SECRET=... go run token_request.go
// Needs: Go 1.19 or later, standard library only.
// Prints the token's type and lifetime, never the token.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

const tokenURL = "https://auth.example.com/oauth2/token"

// timeout bounds the whole token request, from connect to the last byte.
const timeout = 20 * time.Second

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
	token, err := fetchToken(context.Background())
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
	if lifetime, ok := token.lifetime(); ok {
		fmt.Printf("Got a %s token that expires in %.0f seconds.\n", token.TokenType, lifetime.Seconds())
	} else {
		fmt.Printf("Got a %s token; the server did not say when it expires.\n", token.TokenType)
	}
}

// fetchToken requests a token with the client ID and secret from the environment.
func fetchToken(ctx context.Context) (*tokenResponse, error) {
	clientID, clientSecret := os.Getenv("CLIENT_ID"), os.Getenv("CLIENT_SECRET")
	if clientID == "" {
		return nil, fmt.Errorf("set the %s environment variable", "CLIENT_ID")
	}
	if clientSecret == "" {
		return nil, fmt.Errorf("set the %s environment variable", "CLIENT_SECRET")
	}
	return requestToken(ctx, http.DefaultClient, clientID, clientSecret)
}
