/**
 * The tiny JAX-RS endpoint the end-to-end benchmark deploys in every variant. These classes are copied into
 * the benchmark's WARs; nothing else uses them.
 */
package io.github.edgeauth.benchmarks.endpoint;
