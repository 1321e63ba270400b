/**
 * Internal, not an API: the counters behind edgeauth's JMX beans (rejections by reason, key fetches) and their
 * registration.
 */
package io.github.edgeauth.core.internal.metrics;
