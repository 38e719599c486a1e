<?php

// Gets an OAuth 2.0 access token (RFC 6749 §4.4). Run: CLIENT_ID=... CLIENT_SECRET=... php token_request.php
$fail = function (string $message): never {
    fwrite(STDERR, "error: $message\n");
    exit(1);
};
$id = getenv("CLIENT_ID") ?: $fail('set the CLIENT_ID environment variable');
$secret = getenv("CLIENT_SECRET") ?: $fail('set the CLIENT_SECRET environment variable');
$form = ['grant_type' => 'client_credentials', 'client_id' => $id];
$curl = curl_init("https://auth.example.com/oauth2/token");
curl_setopt_array($curl, [
    CURLOPT_POSTFIELDS => http_build_query($form),
    // RFC 6749 §2.3.1: Basic takes the ID and secret percent-encoded, so a ":" or "%" in them is safe.
    CURLOPT_USERPWD => rawurlencode($id) . ':' . rawurlencode($secret),
    CURLOPT_HTTPHEADER => ['Accept: application/json'],
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_TIMEOUT_MS => 20 * 1000,
]);
$token = json_decode((string) curl_exec($curl), true);
$status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
$status === 200 or $fail("HTTP $status " . implode(': ', (array) ($token ?? curl_error($curl)))); // RFC 6749 §5.2
echo "Got a {$token['token_type']} token", isset($token['expires_in'])
    ? " that expires in {$token['expires_in']} seconds.\n" : "; the server did not say when it expires.\n";
