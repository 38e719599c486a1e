<?php

declare(strict_types=1);

// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Run: CLIENT_ID=... CLIENT_SECRET=... php token_request.php
// Needs PHP 8.2+ with ext-curl (8.1 runs it too, but ignores #[\SensitiveParameter], so a stack
// trace there can show the secret). Prints the token's type and lifetime, never the token.

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

// Runs only when this file is executed, not when it is included.
if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    try {
        $token = requestToken(requireEnv("CLIENT_ID"), requireEnv("CLIENT_SECRET"));
    } catch (TokenError $e) {
        fwrite(STDERR, 'error: ' . $e->getMessage() . PHP_EOL);
        exit(1);
    }
    $expiresIn = $token['expires_in'] ?? null;
    echo "Got a {$token['token_type']} token", is_numeric($expiresIn)
        ? ' that expires in ' . ($expiresIn + 0) . ' seconds.'
        : '; the server did not say when it expires.', PHP_EOL;
}
