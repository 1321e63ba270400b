/**
 * The API of edgeauth: {@link io.github.edgeauth.core.UserContext}, the identity an application reads, and
 * {@link io.github.edgeauth.core.ReasonCode}, the stable codes of every refusal. Everything in the
 * sub-packages is shared by the filter, the edge and the client feature, and is not an API: it may change in
 * any release.
 */
package io.github.edgeauth.core;
