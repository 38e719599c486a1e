<?php

declare(strict_types=1);

// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Run: CLIENT_ID=... CLIENT_SECRET=... php token_request.php
// Needs PHP 8.1+ with ext-curl. Prints the token's type and lifetime, never the token.

const TOKEN_URL = "https://auth.example.com/oauth2/token";
const CLIENT_ID_ENV = "CLIENT_ID";
const CLIENT_SECRET_ENV = "CLIENT_SECRET";
const TIMEOUT_SECONDS = 20;

/** Requests a token and returns the decoded token response; throws RuntimeException on failure. */
function fetchToken(?string $clientId = null, #[\SensitiveParameter] ?string $clientSecret = null): array
{
    $clientId ??= requireEnv(CLIENT_ID_ENV);
    $clientSecret ??= requireEnv(CLIENT_SECRET_ENV);
    $headers = ['Accept: application/json', 'Content-Type: application/x-www-form-urlencoded'];
    // RFC 6749 §2.3.1: form-encode the id and secret BEFORE Base64. Most samples skip this
    // and then fail for credentials containing characters such as ":", "%" or "+".
    $credentials = rawurlencode($clientId) . ':' . rawurlencode($clientSecret);
    $headers[] = 'Authorization: Basic ' . base64_encode($credentials);
    $form = [
        'grant_type' => 'client_credentials',
        'client_id' => $clientId,
    ];
    $curl = curl_init(TOKEN_URL);
    curl_setopt_array($curl, [
        CURLOPT_POSTFIELDS => http_build_query($form, '', '&', PHP_QUERY_RFC3986),
        CURLOPT_HTTPHEADER => $headers,
        CURLOPT_RETURNTRANSFER => true,
        // The whole transfer, connect included; rounded up, as 0 would mean no limit at all.
        CURLOPT_TIMEOUT_MS => max(1, (int) ceil(TIMEOUT_SECONDS * 1000)),
    ]);
    $body = curl_exec($curl);
    if ($body === false) {
        throw new RuntimeException('token request failed: ' . curl_error($curl));
    }
    $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
    $token = json_decode($body, true);
    if (!is_array($token) || $status < 200 || $status > 299 || isset($token['error'])) {
        $reason = is_array($token)
            ? array_filter([$token['error'] ?? null, $token['error_description'] ?? null], 'is_string')
            : ['the response is not JSON'];
        throw new RuntimeException(implode(': ', ["token request failed with HTTP $status", ...$reason]));
    }
    if (!is_string($token['access_token'] ?? null) || $token['access_token'] === '') {
        throw new RuntimeException('the token response has no access_token');
    }
    if (!is_string($token['token_type'] ?? null) || strcasecmp($token['token_type'], 'bearer') !== 0) {
        throw new RuntimeException('the server did not issue a Bearer token');
    }
    return $token;
}

function requireEnv(string $name): string
{
    $value = (string) getenv($name);
    return $value !== '' ? $value : throw new RuntimeException("set the $name environment variable");
}

// Runs only when this file is executed, not when it is included.
if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    try {
        $token = fetchToken();
    } catch (RuntimeException $e) {
        fwrite(STDERR, 'error: ' . $e->getMessage() . PHP_EOL);
        exit(1);
    }
    $expiresIn = $token['expires_in'] ?? null;
    echo "Got a {$token['token_type']} token", is_numeric($expiresIn)
        ? ' that expires in ' . ($expiresIn + 0) . ' seconds.'
        : '; the server did not say when it expires.', PHP_EOL;
}
