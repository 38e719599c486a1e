<?php

declare(strict_types=1);

// OAuth 2.0 client-credentials token manager (RFC 6749 §4.4): caches the access token, renews
// it before it expires, keeps it through a failed renewal, and repeats an API call once with a
// new token after a 401. Run: CLIENT_ID=... CLIENT_SECRET=... php token_manager.php
// Needs PHP 8.2+ with ext-curl (8.1 runs it too, but ignores #[\SensitiveParameter], so a stack
// trace there can show the secret).
// PHP serves one request per process and runs nothing in the background: concurrent callers
// cannot meet inside a process, and a due renewal is one attempt made by the call that finds it due.
// The cache lives as long as the object: one CLI run, or one web request under PHP-FPM or mod_php,
// so a web app gets a new token per request. To share it across requests, keep the token and its
// expiry in APCu (not done here): read it with apcu_fetch, and let only the worker that wins
// apcu_add('token-lock', 1, 30) renew it and apcu_store the new one.

const TOKEN_URL = "https://auth.example.com/oauth2/token";
const TIMEOUT_SECONDS = 20; // one token request, from connect to the last byte

/** A failed token request: the HTTP status and the server's error, never a secret or a token. */
final class TokenError extends RuntimeException
{
    public function __construct(
        string $message,
        public readonly ?int $status = null, // null when no answer came (a network error, a timeout)
        public readonly ?string $retryAfter = null, // the server's Retry-After header, if it sent one
    ) {
        parent::__construct($message);
    }
}

/**
 * POSTs the client-credentials grant (RFC 6749 §4.4.2) and returns the token response.
 *
 * @return array<string, mixed> access_token and token_type (checked), expires_in if the server sent it
 */
function requestToken(
    string $clientId,
    #[\SensitiveParameter] string $clientSecret,
    float $timeout = TIMEOUT_SECONDS,
): array {
    $curl = curl_init(TOKEN_URL);
    if ($curl === false) {
        throw new TokenError('token request failed: curl could not start it');
    }
    $retryAfter = null;
    curl_setopt_array($curl, [
        CURLOPT_POSTFIELDS => http_build_query([
            'grant_type' => 'client_credentials',
            'client_id' => $clientId,
        ], '', '&', PHP_QUERY_RFC3986),
        CURLOPT_HTTPHEADER => ['Accept: application/json'],
        // RFC 6749 §2.3.1: the ID and secret are form-encoded before they go into the Basic header.
        // Most samples skip this and fail on secrets containing ":", "%" or "+".
        CURLOPT_USERNAME => rawurlencode($clientId),
        CURLOPT_PASSWORD => rawurlencode($clientSecret),
        CURLOPT_RETURNTRANSFER => true,
        // The whole transfer, connect included; rounded up, as 0 would mean no limit at all.
        CURLOPT_TIMEOUT_MS => max(1, (int) ceil($timeout * 1000)),
        CURLOPT_HEADERFUNCTION => static function (CurlHandle $curl, string $line) use (&$retryAfter): int {
            if (stripos($line, 'Retry-After:') === 0) {
                $retryAfter = trim(substr($line, strlen('Retry-After:')));
            }
            return strlen($line);
        },
    ]);
    $body = curl_exec($curl);
    if (!is_string($body)) {
        throw new TokenError('token request failed: ' . curl_error($curl));
    }
    $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
    $failed = "token request failed with HTTP $status";
    $token = json_decode($body, true);
    if (!is_array($token)) {
        throw new TokenError("$failed: the response is not JSON", $status, $retryAfter);
    }
    if ($status < 200 || $status > 299 || isset($token['error'])) { // RFC 6749 §5.2
        $details = [$failed, $token['error'] ?? null, $token['error_description'] ?? null];
        throw new TokenError(implode(': ', array_filter($details, 'is_string')), $status, $retryAfter);
    }
    if (!is_string($token['access_token'] ?? null) || $token['access_token'] === '') {
        throw new TokenError('the token response has no access_token', $status);
    }
    if (!is_string($token['token_type'] ?? null) || strcasecmp($token['token_type'], 'bearer') !== 0) {
        throw new TokenError('the server did not issue a Bearer token', $status);
    }
    return $token; // a refresh_token, if any, is ignored: the grant is run again (RFC 6749 §4.4.3)
}

/** The value of the environment variable $name; TokenError when it is unset or empty. */
function requireEnv(string $name): string
{
    $value = (string) getenv($name);
    return $value !== '' ? $value : throw new TokenError("set the $name environment variable");
}

final class ApiResponse
{
    public function __construct(
        public readonly int $status,
        public readonly array $headers, // lower-case name => value
        public readonly string $body,
    ) {
    }
}

final class TokenManager
{
    private const CLIENT_ID_ENV = "CLIENT_ID";
    private const CLIENT_SECRET_ENV = "CLIENT_SECRET";
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
        $this->clientId = $clientId ?? requireEnv(self::CLIENT_ID_ENV);
        $secret = $clientSecret ?? requireEnv(self::CLIENT_SECRET_ENV);
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
                $this->requestToken(min(TIMEOUT_SECONDS, $this->expiresAt - $now));
            } catch (TokenError $e) {
                $coolDown = max(self::REFRESH_RETRY_DELAY_SECONDS, self::retryAfter($e) ?? 0);
                $this->noRenewalBefore = self::now() + $coolDown;
            }
            return ($this->token)();
        }
        // No usable token: retry with backoff, for at most maxWait() seconds in all.
        $deadline = self::now() + self::maxWait();
        for ($attempt = 1;; $attempt++) {
            try {
                $this->requestToken(min(TIMEOUT_SECONDS, $deadline - self::now()));
                return ($this->token)();
            } catch (TokenError $e) {
                // No status: a network error or timeout, worth retrying too.
                $retryable = $e->status === null || in_array($e->status, self::RETRY_STATUSES, true);
                if (!$retryable || $attempt >= self::MAX_ATTEMPTS) {
                    throw $e;
                }
                $delay = self::retryAfter($e) ?? self::backoff($attempt);
                if (self::now() + $delay >= $deadline) {
                    $message = 'no token within ' . self::maxWait() . ' s, the last attempt: ' . $e->getMessage();
                    throw new TokenError($message, $e->status, $e->retryAfter);
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
        $send = fn (#[\SensitiveParameter] string $token): ApiResponse
            => self::send($method, $url, ['Authorization' => "Bearer $token"] + $headers, $body, TIMEOUT_SECONDS);
        $token = $this->getToken();
        $response = $send($token);
        if ($response->status === 401) {
            $this->invalidate($token); // only if no one has replaced it in the meantime
            $response = $send($this->getToken());
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
        $sentAt = self::now(); // the lifetime counts from before the request is sent
        $data = requestToken($this->clientId, ($this->clientSecret)(), $timeout);
        $token = $data['access_token'];
        $expiresIn = is_numeric($data['expires_in'] ?? null) ? (float) $data['expires_in'] : 0.0;
        $lifetime = $expiresIn > 0 && is_finite($expiresIn) ? $expiresIn : self::DEFAULT_LIFETIME_SECONDS;
        $this->token = static fn (): string => $token;
        $this->expiresAt = $sentAt + $lifetime;
        // Renew early, but never so early that a short-lived token is renewed on every call.
        $this->renewAt = $this->expiresAt - min(self::RENEW_MARGIN_SECONDS, $lifetime * self::MAX_RENEW_FRACTION);
        $this->noRenewalBefore = 0.0;
    }

    /**
     * How long a caller without a usable token may wait, retries included. A waiting web request
     * holds its PHP-FPM (or mod_php) worker, and an outage would soon hold them all: there the
     * wait ends within one TIMEOUT_SECONDS, and the caller fails fast. The CLI waits up to
     * MAX_WAIT_SECONDS.
     */
    private static function maxWait(): float
    {
        return PHP_SAPI === 'cli' ? self::MAX_WAIT_SECONDS : min(self::MAX_WAIT_SECONDS, TIMEOUT_SECONDS);
    }

    /** Seconds to wait before retry $retry (1, 2, ...) when the server did not say. */
    private static function backoff(int $retry): float
    {
        $jitter = 1 + self::BACKOFF_JITTER * (2 * mt_rand() / mt_getrandmax() - 1);
        return self::INITIAL_BACKOFF_SECONDS * 2 ** ($retry - 1) * $jitter;
    }

    /** The server's Retry-After in seconds, capped: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    private static function retryAfter(TokenError $error): ?float
    {
        $value = $error->retryAfter;
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
        if ($curl === false) {
            throw new RuntimeException("curl could not start a request to $url");
        }
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
