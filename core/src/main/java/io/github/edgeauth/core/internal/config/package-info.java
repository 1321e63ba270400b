/**
 * Internal, not an API: reading settings from system properties, env vars, MicroProfile Config and web.xml,
 * in one precedence, and the settings the edge, the filter and the client share.
 */
package io.github.edgeauth.core.internal.config;
