#!/usr/bin/env bash
# Get an OAuth 2.0 access token (RFC 6749 §4.4). Run: CLIENT_ID=... CLIENT_SECRET=... bash token-request.sh
set -euo pipefail  # needs curl and jq 1.6 or later
for name in 'CLIENT_ID' 'CLIENT_SECRET'; do
  [[ -n ${!name:-} ]] || { echo "error: set the ${name} environment variable" >&2; exit 1; }
done
# jq writes the credentials into a config that curl reads on standard input, off the command line.
config=$(jq -nr --arg id 'CLIENT_ID' --arg secret 'CLIENT_SECRET' '$ENV[$id] as $id | $ENV[$secret] as $secret |
  "user = \"\($id | @uri):\($secret | @uri)\"",  # RFC 6749 §2.3.1: percent-encoded, so a ":" in either is safe
  "data = \"grant_type=client_credentials&client_id=\($id | @uri)\""')
curl --silent --show-error --max-time 20 --header 'Accept: application/json' --write-out '\n%{http_code}' \
  --config - 'https://auth.example.com/oauth2/token' <<<"${config}" |
  jq -sRr 'split("\n") | .[-1] as $status | .[:-1] | join("\n") | fromjson? // {} | if ($status | startswith("2")) and .access_token
    then "Got a \(.token_type) token" + (.expires_in | if . then " that expires in \(tonumber | floor) seconds." else "; the server did not say when it expires." end)
    else "error: token request failed with HTTP \($status)\([.error, .error_description] | map(values | ": \(.)") | join(""))\n" | halt_error(1) end'
