<?php

declare(strict_types=1);

// OAuth 2.0 client-credentials token manager (RFC 6749 §4.4): caches the access token, renews
// it before it expires, keeps it through a failed renewal, and repeats an API call once with a
// new token after a 401. Run: CLIENT_ID=... CLIENT_SECRET=... php token_manager.php
// Needs PHP 8.1+ with ext-curl.
// PHP serves one request per process and runs nothing in the background: concurrent callers
// cannot meet inside a process, and a due renewal is one attempt made by the call that finds it due.
// The cache lives as long as the object: one CLI run, or one web request under PHP-FPM or mod_php,
// so a web app gets a new token per request. To share it across requests, keep the token and its
// expiry in APCu (not done here): read it with apcu_fetch, and let only the worker that wins
// apcu_add('token-lock', 1, 30) renew it and apcu_store the new one.

final class TokenError extends RuntimeException
{
    public function __construct(
        string $message,
        public readonly ?int $status = null,
        public readonly ?string $error = null,
        public readonly ?string $description = null,
        public readonly ?float $retryAfter = null, // seconds the server asked for (Retry-After)
        ?Throwable $previous = null,
    ) {
        parent::__construct(implode(': ', array_filter([$message, $error, $description])), 0, $previous);
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
    private const TIMEOUT_SECONDS = 20; // one request, from connect to the last byte
    private const RENEW_MARGIN_SECONDS = 300; // renew this long before expiry...
    private const MAX_RENEW_FRACTION = 0.5; // ...but never more than this part of the lifetime
    private const DEFAULT_LIFETIME_SECONDS = 600; // when the server sends no expires_in
    private const REFRESH_RETRY_DELAY_SECONDS = 30; // after a failed renewal of a usable token
    private const MAX_WAIT_SECONDS = 60; // the longest a caller waits when no token is usable
    private const MAX_ATTEMPTS = 3; // token-endpoint attempts in all, when no token is usable
    private const INITIAL_BACKOFF_SECONDS = 1; // first retry delay, doubled each time
    private const BACKOFF_JITTER = 0.1; // ± this fraction of random jitter on each delay
    private const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
    private const MAX_RETRY_AFTER_SECONDS = 60; // cap on the server's Retry-After

    private readonly string $clientId;
    // The secret and the token live in closures, which var_export() cannot show; __debugInfo()
    // keeps them out of var_dump() and print_r().
    private readonly Closure $clientSecret;
    private ?Closure $token = null;
    private float $renewAt = 0.0; // monotonic clock (hrtime), in seconds
    private float $expiresAt = 0.0;
    private float $noRenewalBefore = 0.0; // the cool-down after a failed renewal

    public function __construct(?string $clientId = null, #[\SensitiveParameter] ?string $clientSecret = null)
    {
        $this->clientId = $clientId ?? self::requireEnv(self::CLIENT_ID_ENV);
        $secret = $clientSecret ?? self::requireEnv(self::CLIENT_SECRET_ENV);
        $this->clientSecret = static fn (): string => $secret;
    }

    /** Returns a usable access token: the cached one while it lasts, renewed when it is due. */
    public function getToken(): string
    {
        $now = self::now();
        if ($this->token !== null && $now < $this->expiresAt) {
            if ($now < $this->renewAt || $now < $this->noRenewalBefore) {
                return ($this->token)();
            }
            // Due: one attempt without retries, over by the time the token expires. If it fails,
            // this call still gets the token that was usable when it began, and the next attempt
            // waits a cool-down.
            try {
                $this->requestToken(min(self::TIMEOUT_SECONDS, $this->expiresAt - $now));
            } catch (TokenError $e) {
                $this->noRenewalBefore = self::now() + max(self::REFRESH_RETRY_DELAY_SECONDS, $e->retryAfter ?? 0);
            }
            return ($this->token)();
        }
        // No usable token: retry with backoff, for at most MAX_WAIT_SECONDS in all.
        $deadline = self::now() + self::MAX_WAIT_SECONDS;
        for ($attempt = 1; ; $attempt++) {
            try {
                $this->requestToken(min(self::TIMEOUT_SECONDS, $deadline - self::now()));
                return ($this->token)();
            } catch (TokenError $e) {
                // No status: a network error or timeout, worth retrying too.
                $retryable = $e->status === null || in_array($e->status, self::RETRY_STATUSES, true);
                if (!$retryable || $attempt >= self::MAX_ATTEMPTS) {
                    throw $e;
                }
                $delay = $e->retryAfter ?? self::backoff($attempt);
                if (self::now() + $delay >= $deadline) {
                    throw new TokenError('no token within ' . self::MAX_WAIT_SECONDS . ' s, the last attempt: '
                        . $e->getMessage(), $e->status, previous: $e);
                }
                usleep((int) ($delay * 1e6));
            }
        }
    }

    /** Drops the cached token; with an argument, only if it is still that token. */
    public function invalidate(#[\SensitiveParameter] ?string $token = null): void
    {
        if ($token === null || ($this->token !== null && ($this->token)() === $token)) {
            $this->token = null;
        }
    }

    /** Sends an authorised request ($headers: name => value); after a 401, retries once with a new token. */
    public function request(string $method, string $url, array $headers = [], ?string $body = null): ApiResponse
    {
        $token = $this->getToken();
        $response = self::send($method, $url, ['Authorization' => "Bearer $token"] + $headers, $body, self::TIMEOUT_SECONDS);
        if ($response->status === 401) {
            $this->invalidate($token); // only if no one has replaced it in the meantime
            $token = $this->getToken();
            $response = self::send($method, $url, ['Authorization' => "Bearer $token"] + $headers, $body, self::TIMEOUT_SECONDS);
        }
        return $response;
    }

    /** var_dump() and print_r() show this instead of the properties. */
    public function __debugInfo(): array
    {
        return ['clientId' => $this->clientId, 'hasToken' => $this->token !== null];
    }

    /** One token request; on success caches the token, else throws TokenError. */
    private function requestToken(float $timeout): void
    {
        $headers = ['Accept' => 'application/json', 'Content-Type' => 'application/x-www-form-urlencoded'];
        $form = http_build_query([
            'grant_type' => 'client_credentials',
            'client_id' => $this->clientId,
            'client_secret' => ($this->clientSecret)(),
            'scope' => "read write",
            "audience" => "https://api.example.com",
            "resource" => "r\"\$1\\",
        ], '', '&', PHP_QUERY_RFC3986);
        $sentAt = self::now(); // the lifetime counts from before the request is sent
        try {
            $response = self::send('POST', self::TOKEN_URL, $headers, $form, $timeout);
        } catch (RuntimeException $e) { // a network error or the timeout
            throw new TokenError('token request failed: ' . $e->getMessage(), previous: $e);
        }
        $data = json_decode($response->body, true);
        $status = $response->status;
        if (!is_array($data) || $status < 200 || $status >= 300 || isset($data['error'])) {
            $error = is_string($data['error'] ?? null) ? $data['error'] : null;
            $description = is_string($data['error_description'] ?? null) ? $data['error_description'] : null;
            $notJson = is_array($data) ? '' : ' (the response is not JSON)';
            throw new TokenError("token request failed with HTTP $status$notJson", $status, $error, $description,
                self::retryAfter($response->headers['retry-after'] ?? null));
        }
        if (!is_string($data['access_token'] ?? null) || $data['access_token'] === '') {
            throw new TokenError('the token response has no access_token', $status);
        }
        if (!is_string($data['token_type'] ?? null) || strcasecmp($data['token_type'], 'bearer') !== 0) {
            throw new TokenError('the server did not issue a Bearer token', $status);
        }
        // Any refresh_token is ignored: with client credentials, run the grant again (RFC 6749 §4.4.3).
        $token = $data['access_token'];
        $expiresIn = is_numeric($data['expires_in'] ?? null) ? (float) $data['expires_in'] : 0.0;
        $lifetime = $expiresIn > 0 && is_finite($expiresIn) ? $expiresIn : self::DEFAULT_LIFETIME_SECONDS;
        $this->token = static fn (): string => $token;
        $this->expiresAt = $sentAt + $lifetime;
        // Renew early, but never so early that a short-lived token is renewed on every call.
        $this->renewAt = $this->expiresAt - min(self::RENEW_MARGIN_SECONDS, $lifetime * self::MAX_RENEW_FRACTION);
        $this->noRenewalBefore = 0.0;
    }

    /** Seconds to wait before retry $retry (1, 2, ...) when the server did not say. */
    private static function backoff(int $retry): float
    {
        $jitter = 1 + self::BACKOFF_JITTER * (2 * mt_rand() / mt_getrandmax() - 1);
        return self::INITIAL_BACKOFF_SECONDS * 2 ** ($retry - 1) * $jitter;
    }

    /** Retry-After in seconds, capped: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    private static function retryAfter(?string $value): ?float
    {
        if (is_numeric($value)) {
            return min(max((float) $value, 0.0), self::MAX_RETRY_AFTER_SECONDS);
        }
        if ($value !== null && ($date = strtotime($value)) !== false) {
            return min(max((float) ($date - time()), 0.0), self::MAX_RETRY_AFTER_SECONDS);
        }
        return null;
    }

    /** Sends one HTTP request; throws RuntimeException on network errors and timeouts. */
    private static function send(
        string $method,
        string $url,
        #[\SensitiveParameter] array $headers,
        #[\SensitiveParameter] ?string $body,
        float $timeout,
    ): ApiResponse {
        $responseHeaders = [];
        $curl = curl_init($url);
        curl_setopt_array($curl, [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_HTTPHEADER => array_map(fn ($name, $value) => "$name: $value", array_keys($headers), $headers),
            CURLOPT_RETURNTRANSFER => true,
            // The whole transfer, connect included; rounded up, as 0 would mean no limit at all.
            CURLOPT_TIMEOUT_MS => max(1, (int) ceil($timeout * 1000)),
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

    private static function now(): float
    {
        return hrtime(true) / 1e9;
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
