/**
 * What the integration tests, the benchmarks and the demo start the system with, all on loopback: free ports
 * ({@link io.github.edgeauth.testkit.Ports}), readiness polling with a deadline
 * ({@link io.github.edgeauth.testkit.Readiness}), mock-oauth2-server ({@link io.github.edgeauth.testkit.MockProvider}),
 * Payara Micro with the flags that keep it off the network ({@link io.github.edgeauth.testkit.PayaraMicro}) and
 * headless Chromium ({@link io.github.edgeauth.testkit.Browser}). No edgeauth module is needed: servers and WARs
 * are started from files.
 */
package io.github.edgeauth.testkit;
