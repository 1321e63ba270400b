#!/usr/bin/env bash
# Makes the Keycloak realm edgeauth needs, the way a team makes one by hand: Keycloak's default client
# scopes and mappers untouched (roles stay in the access token), exact redirect and post-logout URIs, no
# wildcard anywhere. The Keycloak profile of the build (./mvnw verify -Pkeycloak) runs this same script.
#
# Needs (env):  KEYCLOAK_URL             e.g. https://keycloak.example.com
#               KEYCLOAK_ADMIN, KEYCLOAK_ADMIN_PASSWORD   an admin of the master realm
#               EDGE_URL                 the edge's public URL, e.g. https://shop.example.com (no trailing /)
#               EDGE_CLIENT_SECRET, ORDERS_CLIENT_SECRET, REPORTING_CLIENT_SECRET   e.g. $(openssl rand -hex 32)
# Optional:     REALM (default shop), KCADM (default kcadm.sh from Keycloak's bin/),
#               FIRST_USER and FIRST_USER_PASSWORD: a user with the realm role admin
set -euo pipefail

: "${KEYCLOAK_URL:?set KEYCLOAK_URL}" "${KEYCLOAK_ADMIN:?set KEYCLOAK_ADMIN}"
: "${KEYCLOAK_ADMIN_PASSWORD:?set KEYCLOAK_ADMIN_PASSWORD}" "${EDGE_URL:?set EDGE_URL}"
: "${EDGE_CLIENT_SECRET:?set EDGE_CLIENT_SECRET}" "${ORDERS_CLIENT_SECRET:?set ORDERS_CLIENT_SECRET}"
: "${REPORTING_CLIENT_SECRET:?set REPORTING_CLIENT_SECRET}"
REALM="${REALM:-shop}"
KCADM="${KCADM:-kcadm.sh}"
CONFIG="$(mktemp)"
trap 'rm -f "$CONFIG"' EXIT
kc() { "$KCADM" "$@" --config "$CONFIG"; }

kc config credentials --server "$KEYCLOAK_URL" --realm master --user "$KEYCLOAK_ADMIN" \
   --password "$KEYCLOAK_ADMIN_PASSWORD"

kc create realms -s realm="$REALM" -s enabled=true
kc create roles -r "$REALM" -s name=admin

# One client scope per thing a service may ask for; each puts its audience into the access token, so a
# token for inventory is refused by every other service (edgeauth checks aud).
scope() { # name audience
  local id
  id=$(kc create client-scopes -r "$REALM" -i -s name="$1" -s protocol=openid-connect \
       -s 'attributes."include.in.token.scope"=true' -s 'attributes."display.on.consent.screen"=false')
  kc create "client-scopes/$id/protocol-mappers/models" -r "$REALM" -s name="$2 audience" \
     -s protocol=openid-connect -s protocolMapper=oidc-audience-mapper \
     -s "config.\"included.custom.audience\"=$2" -s 'config."access.token.claim"=true' \
     -s 'config."id.token.claim"=false' >/dev/null
  echo "$id"
}
INVENTORY_READ=$(scope inventory:read inventory)
EDGE_API=$(scope edge:api edge-api)

# The edge: a confidential client for the browser login (code flow; edgeauth sends PKCE S256).
kc create clients -r "$REALM" -s clientId=edge -s secret="$EDGE_CLIENT_SECRET" -s publicClient=false \
   -s standardFlowEnabled=true -s directAccessGrantsEnabled=false -s serviceAccountsEnabled=false \
   -s frontchannelLogout=false -s "redirectUris=[\"$EDGE_URL/callback\"]" -s "webOrigins=[\"$EDGE_URL\"]" \
   -s "attributes.\"post.logout.redirect.uris\"=$EDGE_URL/" \
   -s "attributes.\"backchannel.logout.url\"=$EDGE_URL/backchannel-logout" \
   -s 'attributes."backchannel.logout.session.required"=true' \
   -s 'attributes."pkce.code.challenge.method"=S256' >/dev/null

# Services that call others with client_credentials: each may ask for the scopes it needs, nothing more.
service() { # clientId secret scopeId
  local id
  id=$(kc create clients -r "$REALM" -i -s clientId="$1" -s secret="$2" -s publicClient=false \
       -s standardFlowEnabled=false -s directAccessGrantsEnabled=false -s serviceAccountsEnabled=true)
  kc update "clients/$id/optional-client-scopes/$3" -r "$REALM"
}
service orders-service "$ORDERS_CLIENT_SECRET" "$INVENTORY_READ"
service reporting-job "$REPORTING_CLIENT_SECRET" "$EDGE_API"

if [ -n "${FIRST_USER:-}" ]; then
  kc create users -r "$REALM" -s username="$FIRST_USER" -s enabled=true -s emailVerified=true \
     -s email="$FIRST_USER@example.test" -s firstName="$FIRST_USER" -s lastName=Example >/dev/null
  kc set-password -r "$REALM" --username "$FIRST_USER" --new-password "${FIRST_USER_PASSWORD:?set FIRST_USER_PASSWORD}"
  kc add-roles -r "$REALM" --uusername "$FIRST_USER" --rolename admin
fi
echo "realm $REALM ready: issuer $KEYCLOAK_URL/realms/$REALM"
