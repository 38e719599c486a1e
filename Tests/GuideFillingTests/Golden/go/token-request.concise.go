// Get an OAuth 2.0 client-credentials token (RFC 6749 §4.4). Run: CLIENT_ID=... CLIENT_SECRET=... go run token_request.go
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

func requestToken(form url.Values, clientID, clientSecret string) (*http.Response, error) {
	req, _ := http.NewRequest(http.MethodPost, "https://auth.example.com/oauth2/token", strings.NewReader(form.Encode()))
	req.Header = http.Header{"Accept": {"application/json"}, "Content-Type": {"application/x-www-form-urlencoded"}}
	req.SetBasicAuth(url.QueryEscape(clientID), url.QueryEscape(clientSecret)) // form-encoded first, so a ":" in them is safe (RFC 6749 §2.3.1)
	return (&http.Client{Timeout: 20 * time.Second}).Do(req)
}

func main() {
	log.SetFlags(0)
	clientID, clientSecret := os.Getenv("CLIENT_ID"), os.Getenv("CLIENT_SECRET")
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}}
	var token map[string]any
	if clientSecret == "" {
		log.Fatalf("error: set the %s environment variable", "CLIENT_SECRET")
	} else if resp, err := requestToken(form, clientID, clientSecret); err != nil {
		log.Fatal("error: ", err)
	} else if json.NewDecoder(resp.Body).Decode(&token) != nil || resp.StatusCode != http.StatusOK {
		log.Fatalf("error: token request failed with HTTP %d: %v: %v", resp.StatusCode, token["error"], token["error_description"])
	} else if lifetime, ok := token["expires_in"]; ok {
		fmt.Printf("Got a %v token that expires in %v seconds.\n", token["token_type"], lifetime)
	} else {
		fmt.Printf("Got a %v token; the server did not say when it expires.\n", token["token_type"])
	}
}
