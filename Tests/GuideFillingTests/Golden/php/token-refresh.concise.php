<?php

// Keeps an OAuth 2.0 client-credentials token fresh and calls an API with it (RFC 6749 §4.4); PHP serves one
// request per process, so no lock is needed. Run: CLIENT_ID=... CLIENT_SECRET=... php token_manager.php
/** Sends one HTTP request: its status and body; a RuntimeException when no answer came (network error, timeout). */
function send(string $url, #[\SensitiveParameter] array $options): object
{
    $curl = curl_init($url);
    curl_setopt_array($curl, $options + [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT_MS => 20 * 1000]);
    $answer = curl_exec($curl);
    $answer !== false or throw new RuntimeException(curl_error($curl));
    return (object) ['status' => curl_getinfo($curl, CURLINFO_RESPONSE_CODE), 'body' => $answer];
}

final class TokenManager
{
    private ?string $token = null;
    private int $renewAt = 0; // hrtime(true): a monotonic clock, in nanoseconds

    public function __construct(private ?string $clientId = null, private ?string $clientSecret = null)
    {
        foreach (['clientId' => "CLIENT_ID", 'clientSecret' => "CLIENT_SECRET"] as $property => $name) {
            $this->$property ??= getenv($name) ?: throw new RuntimeException("set the $name environment variable");
        }
    }

    public function getToken(): string
    {
        if ($this->token !== null && hrtime(true) < $this->renewAt) {
            return $this->token;
        }
        $form = ['grant_type' => 'client_credentials', 'client_id' => $this->clientId];
        $response = send("https://auth.example.com/oauth2/token", [
            CURLOPT_POSTFIELDS => http_build_query($form),
            // RFC 6749 §2.3.1: Basic takes the ID and secret percent-encoded, so a ":" or "%" in them is safe.
            CURLOPT_USERPWD => rawurlencode($this->clientId) . ':' . rawurlencode($this->clientSecret),
            CURLOPT_HTTPHEADER => ['Accept: application/json'],
        ]);
        $token = json_decode($response->body, true);
        if (!isset($token['access_token'])) { // the server's error and error_description (RFC 6749 §5.2)
            throw new RuntimeException("token request: HTTP {$response->status}: " . implode(': ', (array) $token));
        }
        $lifetime = (float) ($token['expires_in'] ?? 0) ?: 600; // a number, a numeric string, or absent
        // Renew ahead of expiry by the margin, but by at most this fraction of the lifetime.
        $this->renewAt = hrtime(true) + (int) (1e9 * ($lifetime - min(300, 0.5 * $lifetime)));
        return $this->token = $token['access_token'];
    }

    public function invalidate(#[\SensitiveParameter] ?string $token = null): void
    {
        $this->token = $token === null || $token === $this->token ? null : $this->token;
    }

    /** Sends an authorised request; after a 401 (the token was revoked), once more with a new token. */
    public function request(string $method, string $url, array $headers = [], ?string $body = null): object
    {
        $options = [CURLOPT_CUSTOMREQUEST => $method] + ($body === null ? [] : [CURLOPT_POSTFIELDS => $body]);
        $lines = array_map(fn ($name, $value) => "$name: $value", array_keys($headers), $headers);
        $token = $this->getToken();
        $response = send($url, $options + [CURLOPT_HTTPHEADER => [...$lines, "Authorization: Bearer $token"]]);
        if ($response->status === 401) {
            $this->invalidate($token);
            $token = $this->getToken();
            $response = send($url, $options + [CURLOPT_HTTPHEADER => [...$lines, "Authorization: Bearer $token"]]);
        }
        return $response;
    }
}

if (get_included_files()[0] === __FILE__) { // run as a program, not included
    $apiUrl = "https://api.example.com/v1/resource";
    $response = (new TokenManager())->request('GET', $apiUrl, ['Accept' => 'application/json']);
    echo "GET $apiUrl -> HTTP {$response->status}\n";
}
