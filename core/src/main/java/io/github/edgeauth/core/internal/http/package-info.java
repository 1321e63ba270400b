/**
 * Internal, not an API: what edgeauth does with an HTTP request and response: the canonical request path and
 * path patterns, bearer credentials, request ids, problem responses and the one-line rejection log.
 */
package io.github.edgeauth.core.internal.http;
