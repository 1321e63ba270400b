/**
 * Internal, not an API: the user-context format and its signing, and the verification of contexts and of
 * the provider's access and service tokens, with the cache of verified tokens.
 */
package io.github.edgeauth.core.internal.token;
