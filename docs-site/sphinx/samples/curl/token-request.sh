#!/usr/bin/env bash
# Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
#
# Run:   CLIENT_ID=... CLIENT_SECRET=... bash token-request.sh
# Needs: bash, curl 7.76 or later (--fail-with-body), jq 1.6 or later (to read the answer).
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

# Prints $1 percent-encoded: every byte but A-Z a-z 0-9 - . _ ~ becomes %XX.
percent_encode() {
  local LC_ALL=C value=$1 encoded="" char i
  for ((i = 0; i < ${#value}; i++)); do
    char=${value:i:1}
    case ${char} in
      [A-Za-z0-9._~-]) encoded+=${char} ;;
      *) printf -v char '%%%02X' "'${char}" && encoded+=${char} ;;
    esac
  done
  printf '%s' "${encoded}"
}

# Prints $1 as a double-quoted string of curl's config syntax (\ " and line breaks escaped).
config_string() {
  local value=${1//\\/\\\\}
  value=${value//\"/\\\"}
  value=${value//$'\n'/\\n}
  value=${value//$'\r'/\\r}
  printf '"%s"' "${value}"
}

# Prints the config line that adds name=value to the form; curl form-encodes the value.
form_field() {
  local name value
  name=$(percent_encode "$1")
  value=$(config_string "${name}=$2")
  printf 'data-urlencode = %s\n' "${value}"
}

command -v curl >/dev/null || fail "curl is not installed"
command -v jq >/dev/null || fail "jq is not installed"
client_id=$(env_value 'CLIENT_ID')
client_secret=$(env_value 'CLIENT_SECRET')

# curl reads the form and the credentials as a config on standard input. (Functions run in this
# shell: their arguments are on no process's command line.)
config=$(form_field grant_type client_credentials)
config+=$'\n'$(form_field client_id "${client_id}")
# RFC 6749 §2.3.1: the ID and secret are form-encoded before they go into the Basic header.
# curl's --user does not, so secrets containing ":", "%" or "+" would fail.
encoded_id=$(percent_encode "${client_id}")
encoded_secret=$(percent_encode "${client_secret}")
config+=$'\n'"user = \"${encoded_id}:${encoded_secret}\""

status=0
response=$(curl --silent --fail-with-body --max-time "${TIMEOUT_SECONDS}" \
  --header 'Accept: application/json' --write-out '\n%{http_code}' \
  --config - "${TOKEN_URL}" <<<"${config}") || status=$?
case ${status} in
  0 | 22) ;;  # 22: an HTTP error status, with the server's body
  28) fail "the token request timed out" ;;
  *) fail "token request failed: curl exit status ${status}" ;;
esac
http_code=${response##*$'\n'}
body=${response%$'\n'*}

failed="token request failed with HTTP ${http_code}"
jq -e 'type == "object"' >/dev/null 2>&1 <<<"${body}" || fail "${failed}: the response is not JSON"
if ((http_code < 200 || http_code > 299)) || jq -e 'has("error")' >/dev/null <<<"${body}"; then
  # RFC 6749 §5.2: the server's error and error_description.
  message=$(jq -r --arg failed "${failed}" \
    '[$failed, .error, .error_description] | map(select(. != null and . != "") | tostring) | join(": ")' \
    <<<"${body}")
  fail "${message}"
fi
jq -e '.access_token | . != null and . != ""' >/dev/null <<<"${body}" ||
  fail "the token response has no access_token"
if ! jq -e '.token_type | tostring | ascii_downcase == "bearer"' >/dev/null <<<"${body}"; then
  message=$(jq -r '"the token_type is \(.token_type | tojson), not bearer"' <<<"${body}")
  fail "${message}"
fi

# expires_in is a number or a numeric string; a refresh_token, if any, is ignored.
jq -r '(.expires_in | if type == "number" then . elif type == "string" then (tonumber? // null) else null end) as $seconds
  | if $seconds == null then "Got a \(.token_type) token; the server did not say when it expires."
    else "Got a \(.token_type) token that expires in \($seconds | floor) seconds." end' <<<"${body}"
