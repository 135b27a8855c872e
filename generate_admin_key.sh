#!/usr/bin/env bash
# Creates the admin key pair of the Interaction Service (once) and prints a signed admin token.
# Needs bash and openssl only. The service verifies admin tokens with the public key
# (property interactionservice.admin.public-key, default config/admin/admin_public.pem).
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: ./generate_admin_key.sh [--dir DIR] [--ttl TTL] [--rotate]

Creates an RSA admin key pair in DIR if none exists there, then prints an admin token
(an RS256 JWT with sub "admin" and scope "admin") on standard output.

  --dir DIR   where the key pair lives (default: config/admin)
              files: DIR/admin_private.pem (keep it secret), DIR/admin_public.pem (give it to the service)
  --ttl TTL   how long the token is valid: 12h, 30m, 900s, 2d or plain seconds (default: 12h)
  --rotate    replace the private key with a new one; its public key is added to DIR/admin_public.pem, after the
              old one, so tokens signed before keep working until they expire. Remove the old key's block from
              admin_public.pem once they have (the service re-reads the file when it changes).
  -h, --help  show this help

Use the token on the management port (7080):
  TOKEN=$(./generate_admin_key.sh)
  curl -H "Authorization: Bearer $TOKEN" http://localhost:7080/admin/api/setup
EOF
}

fail() {
	echo "generate_admin_key.sh: $*" >&2
	exit 1
}

dir="config/admin"
ttl="12h"
rotate=false
while [ $# -gt 0 ]; do
	case "$1" in
		--dir) [ $# -ge 2 ] || fail "--dir needs a value"; dir="$2"; shift 2 ;;
		--dir=*) dir="${1#--dir=}"; shift ;;
		--ttl) [ $# -ge 2 ] || fail "--ttl needs a value"; ttl="$2"; shift 2 ;;
		--ttl=*) ttl="${1#--ttl=}"; shift ;;
		--rotate) rotate=true; shift ;;
		-h|--help) usage; exit 0 ;;
		*) usage >&2; fail "unknown argument: $1" ;;
	esac
done

command -v openssl >/dev/null 2>&1 || fail "openssl is required but not on the PATH"

if [[ ! "$ttl" =~ ^([0-9]+)([smhd]?)$ ]]; then
	fail "--ttl must look like 12h, 30m, 900s, 2d or a number of seconds (got '$ttl')"
fi
amount=$((10#${BASH_REMATCH[1]}))
case "${BASH_REMATCH[2]}" in
	s|"") ttl_seconds=$amount ;;
	m) ttl_seconds=$((amount * 60)) ;;
	h) ttl_seconds=$((amount * 3600)) ;;
	d) ttl_seconds=$((amount * 86400)) ;;
esac
[ "$ttl_seconds" -gt 0 ] || fail "--ttl must be more than zero"

private_key="$dir/admin_private.pem"
public_key="$dir/admin_public.pem"

if [ "$rotate" = true ]; then
	[ -f "$private_key" ] && [ -f "$public_key" ] || fail "--rotate needs an existing key pair in $dir"
	(umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private_key.new" 2>/dev/null) \
		|| fail "openssl could not create a new private key"
	# the new public key goes after the old one: the service trusts both until the old block is removed
	openssl pkey -in "$private_key.new" -pubout >> "$public_key" 2>/dev/null \
		|| fail "openssl could not derive the new public key"
	mv "$private_key.new" "$private_key"
	echo "Rotated the admin key: $private_key is new; $public_key now holds the old and the new public key" >&2
fi

if [ ! -f "$private_key" ]; then
	# A public key without its private key cannot sign; refuse rather than silently replace what the service trusts.
	[ ! -f "$public_key" ] || fail "$public_key exists but $private_key does not; move the public key away to create a new pair"
	mkdir -p "$dir"
	(umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private_key" 2>/dev/null) \
		|| fail "openssl could not create $private_key"
	echo "Created admin private key $private_key" >&2
fi
if [ ! -f "$public_key" ]; then
	openssl pkey -in "$private_key" -pubout -out "$public_key" 2>/dev/null \
		|| fail "openssl could not derive $public_key from $private_key"
	echo "Created admin public key $public_key" >&2
fi

base64url() {
	openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# the key id the service computes too: the SHA-256 of the public key's DER form, base64url
kid=$(openssl pkey -in "$private_key" -pubout -outform DER 2>/dev/null | openssl dgst -sha256 -binary | base64url)
[ -n "$kid" ] || fail "openssl could not compute the key id of $private_key"

now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$kid" | base64url)
claims=$(printf '{"iss":"urn:byoc:interaction-service:admin-key","aud":"urn:byoc:interaction-service:management","sub":"admin","scope":"admin","iat":%d,"exp":%d}' \
	"$now" "$((now + ttl_seconds))" | base64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$private_key" -binary | base64url)

echo "Admin token valid for ${ttl_seconds}s (send it as 'Authorization: Bearer <token>' to the management port):" >&2
printf '%s.%s.%s\n' "$header" "$claims" "$signature"
