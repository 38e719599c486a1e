#!/usr/bin/env bash
# Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
#
# Run:   CLIENT_ID=... CLIENT_SECRET=... bash token-request.sh
# Needs: bash, curl 7.76 or later (--fail-with-body), jq 1.6 or later.
# Prints the token's type and lifetime, never the token. The secret never goes on a command
# line (other users can read those in the process list): curl reads it from standard input.
set -euo pipefail

TOKEN_URL='https://auth.example.com/oauth2/token'
TIMEOUT_SECONDS=20  # the whole request, from connect to the last byte

fail() {
  printf 'error: %s\n' "$1" >&2
  exit 1
}

# Prints the environment variable named $1; it must be set and not empty.
env_value() {
  [[ -n ${!1:-} ]] || fail "set the $1 environment variable"
  printf '%s' "${!1}"
}

# Percent-encodes standard input for an application/x-www-form-urlencoded body.
form_encode() {
  jq -sRr '@uri'
}

# Appends name=value to the form, both percent-encoded. (A function runs in this shell:
# its arguments are not on any process's command line.)
form=""
add_field() {
  local name value
  name=$(printf '%s' "$1" | form_encode)
  value=$(printf '%s' "$2" | form_encode)
  form+="${form:+&}$name=$value"
}

command -v curl >/dev/null || fail "curl is not installed"
command -v jq >/dev/null || fail "jq is not installed"
client_id=$(env_value 'CLIENT_ID')
client_secret=$(env_value 'CLIENT_SECRET')

add_field grant_type client_credentials
add_field client_id "$client_id"
add_field client_secret "$client_secret"
add_field scope 'read write'
add_field 'audience' 'https://api.example.com'
add_field 'resource' 'r"'\$'1'\\

# The form go to curl as a config on standard input.
status=0
response=$(curl --silent --fail-with-body --max-time "$TIMEOUT_SECONDS" \
  --header 'Accept: application/json' --write-out '\n%{http_code}' \
  --config - "$TOKEN_URL" <<CONFIG
data = "$form"
CONFIG
) || status=$?
case $status in
  0 | 22) ;;  # 22: an HTTP error status, with the server's body
  28) fail "the token request timed out" ;;
  *) fail "token request failed: curl exit status $status" ;;
esac
http_code=${response##*$'\n'}
body=${response%$'\n'*}

failed="token request failed with HTTP $http_code"
jq -e 'type == "object"' >/dev/null 2>&1 <<<"$body" || fail "$failed: the response is not JSON"
if ((http_code < 200 || http_code > 299)) || jq -e 'has("error")' >/dev/null <<<"$body"; then
  # RFC 6749 §5.2: the server's error and error_description.
  message=$(jq -r --arg failed "$failed" \
    '[$failed, .error, .error_description] | map(select(. != null and . != "") | tostring) | join(": ")' \
    <<<"$body")
  fail "$message"
fi
jq -e '.access_token | . != null and . != ""' >/dev/null <<<"$body" ||
  fail "the token response has no access_token"
if ! jq -e '.token_type | tostring | ascii_downcase == "bearer"' >/dev/null <<<"$body"; then
  message=$(jq -r '"the token_type is \(.token_type | tojson), not bearer"' <<<"$body")
  fail "$message"
fi

# expires_in is a number or a numeric string; a refresh_token, if any, is ignored.
jq -r '(.expires_in | if type == "number" then . elif type == "string" then (tonumber? // null) else null end) as $seconds
  | if $seconds == null then "Got a \(.token_type) token; the server did not say when it expires."
    else "Got a \(.token_type) token that expires in \($seconds | floor) seconds." end' <<<"$body"
