/**
 * The end-to-end benchmark: real Payara Micro servers on loopback, Debian's {@code wrk} as the load generator,
 * server CPU per request from {@code /proc}. Run with {@code ./mvnw -Pbench-e2e -pl benchmarks -am verify
 * -DskipTests}; see {@code benchmarks/README.md}.
 */
package io.github.edgeauth.benchmarks.endtoend;
