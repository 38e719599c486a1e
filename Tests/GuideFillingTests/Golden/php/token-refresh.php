<?php

declare(strict_types=1);

// OAuth 2.0 client-credentials token manager (RFC 6749 §4.4): caches the access token, renews
// it before it expires, retries the token endpoint with backoff, and repeats an API call once
// with a new token after a 401. Run: CLIENT_ID=... CLIENT_SECRET=... php token_manager.php
// Needs PHP 8.1+ with ext-curl.
// PHP serves one request per process, so there is no concurrency inside a process and the rule
// "concurrent callers share one in-flight token request" holds trivially. Each process (each
// PHP-FPM worker) has its own token cache; to share a token across processes, keep it in a
// shared cache such as APCu, with a lock around the renewal.

final class TokenError extends RuntimeException
{
    public function __construct(
        string $message,
        public readonly ?int $status = null,
        public readonly ?string $error = null,
        public readonly ?string $description = null,
    ) {
        parent::__construct(implode(': ', array_filter([$message, $error, $description])));
    }
}

final class ApiResponse
{
    public function __construct(
        public readonly int $status,
        public readonly array $headers, // lower-case name => value
        public readonly string $body,
    ) {}
}

final class TokenManager
{
    private const TOKEN_URL = "https://auth.example.com/oauth2/token";
    private const CLIENT_ID_ENV = "CLIENT_ID";
    private const CLIENT_SECRET_ENV = "CLIENT_SECRET";
    private const TIMEOUT_SECONDS = 20;
    private const RENEW_MARGIN_SECONDS = 300; // renew this long before expiry...
    private const MAX_RENEW_FRACTION = 0.5; // ...but never more than this part of the lifetime
    private const DEFAULT_LIFETIME_SECONDS = 600; // when the server sends no expires_in
    private const MAX_ATTEMPTS = 3; // token-endpoint attempts in all
    private const INITIAL_BACKOFF_SECONDS = 1; // first retry delay, doubled each time
    private const BACKOFF_JITTER = 0.1; // ± this fraction of random jitter on each delay
    private const MAX_RETRY_AFTER_SECONDS = 60; // cap on the server's Retry-After
    private const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

    private readonly string $clientId;
    private readonly string $clientSecret;
    private ?string $token = null;
    private float $renewAt = 0.0; // monotonic clock (hrtime), in seconds
    private float $expiresAt = 0.0;

    public function __construct(?string $clientId = null, ?string $clientSecret = null)
    {
        $this->clientId = $clientId ?? self::requireEnv(self::CLIENT_ID_ENV);
        $this->clientSecret = $clientSecret ?? self::requireEnv(self::CLIENT_SECRET_ENV);
    }

    /** Returns a valid access token, renewing it first when it is close to expiry. */
    public function getToken(): string
    {
        if ($this->token !== null && hrtime(true) / 1e9 < $this->renewAt) {
            return $this->token;
        }
        try {
            $this->renew();
        } catch (TokenError $e) {
            // The renewal failed: keep using the cached token until it really expires.
            if ($this->token === null || hrtime(true) / 1e9 >= $this->expiresAt) {
                throw $e;
            }
        }
        return $this->token;
    }

    /** Drops the cached token; with an argument, only if it is still that token. */
    public function invalidate(?string $token = null): void
    {
        if ($token === null || $token === $this->token) {
            $this->token = null;
        }
    }

    /** Sends an authorised request ($headers: name => value); after a 401, retries once with a new token. */
    public function request(string $method, string $url, array $headers = [], ?string $body = null): ApiResponse
    {
        $token = $this->getToken();
        $response = self::send($method, $url, ['Authorization' => "Bearer $token"] + $headers, $body);
        if ($response->status === 401) {
            $this->invalidate($token); // only if no one has replaced it in the meantime
            $token = $this->getToken();
            $response = self::send($method, $url, ['Authorization' => "Bearer $token"] + $headers, $body);
        }
        return $response;
    }

    private function renew(): void
    {
        $headers = ['Accept' => 'application/json', 'Content-Type' => 'application/x-www-form-urlencoded'];
        // RFC 6749 §2.3.1: form-encode the id and secret BEFORE Base64. Most samples skip this
        // and then fail for credentials containing characters such as ":", "%" or "+".
        $credentials = rawurlencode($this->clientId) . ':' . rawurlencode($this->clientSecret);
        $headers['Authorization'] = 'Basic ' . base64_encode($credentials);
        $form = http_build_query([
            'grant_type' => 'client_credentials',
            'client_id' => $this->clientId,
        ], '', '&', PHP_QUERY_RFC3986);
        for ($attempt = 1; ; $attempt++) {
            $sentAt = hrtime(true) / 1e9; // the lifetime counts from before the request is sent
            try {
                $response = self::send('POST', self::TOKEN_URL, $headers, $form);
                if ($attempt >= self::MAX_ATTEMPTS || !in_array($response->status, self::RETRY_STATUSES, true)) {
                    break;
                }
                $retryAfter = $response->headers['retry-after'] ?? null;
            } catch (RuntimeException $e) { // network error or timeout: worth retrying too
                if ($attempt >= self::MAX_ATTEMPTS) {
                    throw new TokenError('token request failed: ' . $e->getMessage());
                }
                $retryAfter = null;
            }
            usleep((int) (self::retryDelay($attempt, $retryAfter) * 1e6));
        }
        $data = json_decode($response->body, true);
        $status = $response->status;
        if (!is_array($data) || $status < 200 || $status >= 300 || isset($data['error'])) {
            $error = is_string($data['error'] ?? null) ? $data['error'] : null;
            $description = is_string($data['error_description'] ?? null) ? $data['error_description'] : null;
            $notJson = is_array($data) ? '' : ' (the response is not JSON)';
            throw new TokenError("token request failed with HTTP $status$notJson", $status, $error, $description);
        }
        if (!is_string($data['access_token'] ?? null) || $data['access_token'] === '') {
            throw new TokenError('the token response has no access_token', $status);
        }
        if (!is_string($data['token_type'] ?? null) || strcasecmp($data['token_type'], 'bearer') !== 0) {
            throw new TokenError('the server did not issue a Bearer token', $status);
        }
        // Any refresh_token is ignored: with client credentials, run the grant again (RFC 6749 §4.4.3).
        $expiresIn = $data['expires_in'] ?? null;
        $lifetime = is_numeric($expiresIn) && $expiresIn > 0 ? (float) $expiresIn : self::DEFAULT_LIFETIME_SECONDS;
        $this->token = $data['access_token'];
        $this->expiresAt = $sentAt + $lifetime;
        // Renew early, but never so early that a short-lived token is renewed on every call.
        $this->renewAt = $this->expiresAt - min(self::RENEW_MARGIN_SECONDS, $lifetime * self::MAX_RENEW_FRACTION);
    }

    private static function retryDelay(int $retry, ?string $retryAfter): float
    {
        // Seconds to wait before retry $retry (1, 2, ...). The server's Retry-After wins:
        // delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
        if (is_numeric($retryAfter)) {
            return min(max((float) $retryAfter, 0), self::MAX_RETRY_AFTER_SECONDS);
        }
        if ($retryAfter !== null && ($date = strtotime($retryAfter)) !== false) {
            return min(max($date - time(), 0), self::MAX_RETRY_AFTER_SECONDS);
        }
        $jitter = 1 + self::BACKOFF_JITTER * (2 * mt_rand() / mt_getrandmax() - 1);
        return self::INITIAL_BACKOFF_SECONDS * 2 ** ($retry - 1) * $jitter;
    }

    /** Sends one HTTP request; throws RuntimeException on network errors and timeouts. */
    private static function send(string $method, string $url, array $headers, ?string $body): ApiResponse
    {
        $responseHeaders = [];
        $curl = curl_init($url);
        curl_setopt_array($curl, [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_HTTPHEADER => array_map(fn ($name, $value) => "$name: $value", array_keys($headers), $headers),
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT_MS => (int) (self::TIMEOUT_SECONDS * 1000),
            CURLOPT_HEADERFUNCTION => function (CurlHandle $curl, string $line) use (&$responseHeaders): int {
                if (str_contains($line, ':')) {
                    [$name, $value] = explode(':', $line, 2);
                    $responseHeaders[strtolower(trim($name))] = trim($value);
                }
                return strlen($line);
            },
        ]);
        if ($body !== null) {
            curl_setopt($curl, CURLOPT_POSTFIELDS, $body);
        }
        $responseBody = curl_exec($curl);
        if ($responseBody === false) {
            throw new RuntimeException(curl_error($curl));
        }
        return new ApiResponse(curl_getinfo($curl, CURLINFO_RESPONSE_CODE), $responseHeaders, $responseBody);
    }

    private static function requireEnv(string $name): string
    {
        $value = (string) getenv($name);
        return $value !== '' ? $value : throw new TokenError("set the $name environment variable");
    }
}

// Runs only when this file is executed, not when it is included.
if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    $apiUrl = "https://api.example.com/v1/resource";
    try {
        $response = (new TokenManager())->request('GET', $apiUrl, ['Accept' => 'application/json']);
    } catch (RuntimeException $e) {
        fwrite(STDERR, 'error: ' . $e->getMessage() . PHP_EOL);
        exit(1);
    }
    echo "GET $apiUrl -> HTTP {$response->status}" . PHP_EOL;
    exit($response->status >= 200 && $response->status < 300 ? 0 : 1);
}
