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
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

const tokenURL = "https://auth.example.com/oauth2/token"

// timeoutSeconds bounds the whole token request, from connect to the last byte.
const timeoutSeconds = 20

// env returns the environment variable's value, or an error naming it.
func env(name string) (string, error) {
	value := os.Getenv(name)
	if value == "" {
		return "", fmt.Errorf("set the %s environment variable", name)
	}
	return value, nil
}

// formEncode percent-encodes s as application/x-www-form-urlencoded, a space as %20.
func formEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// duration converts seconds to a time.Duration.
func duration(seconds float64) time.Duration {
	return time.Duration(seconds * float64(time.Second))
}

// fetchToken POSTs the client-credentials grant and returns the parsed token response.
// Its errors never contain the secret or a token.
func fetchToken(ctx context.Context) (map[string]any, error) {
	clientID, err := env("CLIENT_ID")
	if err != nil {
		return nil, err
	}
	clientSecret, err := env("CLIENT_SECRET")
	if err != nil {
		return nil, err
	}
	var form strings.Builder
	add := func(name, value string) {
		if form.Len() > 0 {
			form.WriteByte('&')
		}
		form.WriteString(url.QueryEscape(name) + "=" + url.QueryEscape(value))
	}
	add("grant_type", "client_credentials")
	add("client_id", clientID)

	// The context's deadline covers connecting, sending and reading the whole body.
	ctx, cancel := context.WithTimeout(ctx, duration(timeoutSeconds))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.String()))
	if err != nil {
		return nil, fmt.Errorf("token request failed: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	// RFC 6749 §2.3.1: percent-encode the ID and secret before they go into the Basic
	// header. Most samples skip this and fail on secrets containing ":", "%" or "+".
	req.SetBasicAuth(formEncode(clientID), formEncode(clientSecret))
	resp, err := http.DefaultClient.Do(req)
	var body []byte
	if err == nil {
		body, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return nil, errors.New("the token request timed out")
	} else if err != nil {
		return nil, fmt.Errorf("token request failed: %w", err)
	}
	failed := fmt.Sprintf("token request failed with HTTP %d", resp.StatusCode)
	var token map[string]any
	if json.Unmarshal(body, &token) != nil || token == nil {
		return nil, fmt.Errorf("%s: the response is not JSON", failed)
	}
	if _, isError := token["error"]; resp.StatusCode/100 != 2 || isError { // RFC 6749 §5.2
		message := failed
		for _, key := range []string{"error", "error_description"} {
			if value, ok := token[key]; ok && value != nil && value != "" {
				message += fmt.Sprintf(": %v", value)
			}
		}
		return nil, errors.New(message)
	}
	if accessToken, _ := token["access_token"].(string); accessToken == "" {
		return nil, errors.New("the token response has no access_token")
	}
	if tokenType, _ := token["token_type"].(string); !strings.EqualFold(tokenType, "bearer") {
		return nil, fmt.Errorf("the token_type is %q, not bearer", fmt.Sprint(token["token_type"]))
	}
	return token, nil // a refresh_token, if any, is ignored: re-run the grant instead
}

// lifetime reads expires_in, a number or a numeric string, in whole seconds.
func lifetime(expiresIn any) (int64, bool) {
	var seconds float64
	switch value := expiresIn.(type) {
	case float64:
		seconds = value
	case string:
		parsed, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			return 0, false
		}
		seconds = parsed
	default:
		return 0, false
	}
	if math.IsNaN(seconds) || math.Abs(seconds) >= 1e15 {
		return 0, false
	}
	return int64(seconds), true
}

func main() {
	token, err := fetchToken(context.Background())
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
	if seconds, ok := lifetime(token["expires_in"]); ok {
		fmt.Printf("Got a %s token that expires in %d seconds.\n", token["token_type"], seconds)
	} else {
		fmt.Printf("Got a %s token; the server did not say when it expires.\n", token["token_type"])
	}
}
