#!/usr/bin/env bash
# Gets an Interaction Service access token with the OAuth 2.0 JWT-bearer flow, using only openssl and curl:
# builds an RS256 assertion (iss = consumer key, sub = username, aud = audience, exp = now + 5 minutes), signs it
# with the connected app's private key, posts it to <endpoint>/services/oauth2/token and prints the access token.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: scripts/get-token.sh --consumer-key KEY --username USER --key PRIVATE_KEY.pem [options]

Prints an access token (<orgId>!<token>) for the Interaction API on stdout.

Required:
  --consumer-key KEY   consumer key of the connected app (the assertion's iss)
  --username USER      username of a user pre-authorized for the app (the assertion's sub)
  --key FILE           PEM private key matching the connected app's certificate

Options:
  --audience URL       the assertion's aud (default https://login.salesforce.com)
  --endpoint URL       base URL of the service (default http://localhost:8085)
  -h, --help           show this help

Example:
  TOKEN=$(scripts/get-token.sh --consumer-key 3MVG9_acme_partner_app \
      --username integration@acme.example --key certs/server.key)
USAGE
}

fail() {
	echo "get-token.sh: $*" >&2
	exit 1
}

consumer_key=""
username=""
key_file=""
audience="https://login.salesforce.com"
endpoint="http://localhost:8085"

while [[ $# -gt 0 ]]; do
	option="$1"
	value=""
	if [[ "$option" == --*=* ]]; then
		value="${option#*=}"
		option="${option%%=*}"
	elif [[ "$option" != -h && "$option" != --help ]]; then
		[[ $# -ge 2 ]] || fail "$option needs a value (see --help)"
		value="$2"
		shift
	fi
	case "$option" in
		--consumer-key) consumer_key="$value" ;;
		--username) username="$value" ;;
		--key) key_file="$value" ;;
		--audience) audience="$value" ;;
		--endpoint) endpoint="$value" ;;
		-h | --help) usage; exit 0 ;;
		*) fail "unknown option $option (see --help)" ;;
	esac
	shift
done

[[ -n "$consumer_key" ]] || fail "--consumer-key is required (see --help)"
[[ -n "$username" ]] || fail "--username is required (see --help)"
[[ -n "$key_file" ]] || fail "--key is required (see --help)"
[[ -r "$key_file" ]] || fail "cannot read the private key file $key_file"
command -v openssl >/dev/null 2>&1 || fail "openssl is not installed"
command -v curl >/dev/null 2>&1 || fail "curl is not installed"

base64url() {
	openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# Claim values go into JSON strings: escape backslashes and double quotes.
json_string() {
	local s="${1//\\/\\\\}"
	printf '"%s"' "${s//\"/\\\"}"
}

expires=$(($(date +%s) + 300))
header=$(printf '%s' '{"alg":"RS256","typ":"JWT"}' | base64url)
claims=$(printf '{"iss":%s,"sub":%s,"aud":%s,"exp":%d}' \
	"$(json_string "$consumer_key")" "$(json_string "$username")" "$(json_string "$audience")" "$expires" | base64url)
signature=$(printf '%s' "$header.$claims" | openssl dgst -sha256 -sign "$key_file" -binary | base64url) \
	|| fail "openssl could not sign with $key_file (is it an RSA private key in PEM form?)"
[[ -n "$signature" ]] || fail "openssl could not sign with $key_file (is it an RSA private key in PEM form?)"

response=$(curl -sS -w '\n%{http_code}' -X POST "${endpoint%/}/services/oauth2/token" \
	-H 'Content-Type: application/x-www-form-urlencoded' \
	--data-urlencode "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer" \
	--data-urlencode "assertion=$header.$claims.$signature") || fail "could not reach ${endpoint%/}/services/oauth2/token"
status="${response##*$'\n'}"
body="${response%$'\n'*}"

json_field() {
	printf '%s' "$body" | tr -d '\n' | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p"
}

if [[ "$status" != 200 ]]; then
	error=$(json_field error)
	description=$(json_field error_description)
	if [[ -n "$error" ]]; then
		fail "token request refused (HTTP $status): $error: $description"
	fi
	fail "token request failed (HTTP $status): $body"
fi
token=$(json_field access_token)
[[ -n "$token" ]] || fail "the token response has no access_token: $body"
printf '%s\n' "$token"
