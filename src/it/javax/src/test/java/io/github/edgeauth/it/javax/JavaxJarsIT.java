package io.github.edgeauth.it.javax;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The javax jars as the build made them: not one Jakarta EE name left in any class or descriptor (a package the
 * Transformer's rules missed would fail here, not on a customer's server), the descriptors in their Java EE 8
 * schemas, the service files under their javax names, and every class of the Jakarta EE jar present.
 */
class JavaxJarsIT {
    private static final List<String[]> JARS = List.of(
            new String[] {"javax/core", "edgeauth-core-javax-", "core", "edgeauth-core-"},
            new String[] {"javax/filter", "edgeauth-filter-javax-", "filter", "edgeauth-filter-"},
            new String[] {"javax/jaxrs-client-feature", "edgeauth-jaxrs-client-javax-", "jaxrs-client-feature",
                    "edgeauth-jaxrs-client-"});

    @Test
    void noJakartaNameIsLeftAndNoClassIsMissing() throws IOException {
        for (String[] pair : JARS) {
            Path javax = BuiltJars.library(pair[0], pair[1]);
            Path jakarta = BuiltJars.library(pair[2], pair[3]);
            List<String> leftovers = new ArrayList<>();
            try (JarFile jar = new JarFile(javax.toFile())) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.isDirectory() || entry.getName().startsWith("META-INF/maven/")) {
                        continue;
                    }
                    String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (text.contains("jakarta") || entry.getName().contains("jakarta")) {
                        leftovers.add(entry.getName());
                    }
                }
            }
            assertEquals(List.of(), leftovers, javax.getFileName() + ": entries that still name jakarta");
            assertEquals(classes(jakarta), classes(javax), javax.getFileName() + ": not the same classes");
        }
    }

    @Test
    void theDescriptorsAreJavaEe8s() throws IOException {
        try (JarFile filter = new JarFile(BuiltJars.library("javax/filter", "edgeauth-filter-javax-").toFile())) {
            String fragment = text(filter, "META-INF/web-fragment.xml");
            assertTrue(fragment.contains("xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\"") && fragment.contains("version=\"4.0\"")
                    && fragment.contains("web-fragment_4_0.xsd"), fragment);
            String beans = text(filter, "META-INF/beans.xml");
            assertTrue(beans.contains("xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\"") && beans.contains("version=\"2.0\"")
                    && beans.contains("beans_2_0.xsd"), beans);
            assertTrue(filter.getEntry("META-INF/services/javax.enterprise.inject.spi.Extension") != null);
        }
        try (JarFile client = new JarFile(BuiltJars.library("javax/jaxrs-client-feature",
                "edgeauth-jaxrs-client-javax-").toFile())) {
            assertTrue(client.getEntry("META-INF/services/javax.servlet.ServletContainerInitializer") != null);
        }
    }

    private static List<String> classes(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class")).sorted().toList();
        }
    }

    private static String text(JarFile jar, String name) throws IOException {
        return new String(jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }
}
