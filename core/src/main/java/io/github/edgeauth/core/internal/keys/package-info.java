/**
 * Internal, not an API: where verification keys come from: key files (JWKS, PEM, keystore), a JWKS URL with
 * its refresh rules, and OpenID Connect discovery.
 */
package io.github.edgeauth.core.internal.keys;
