package io.github.edgeauth.benchmarks.endtoend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** One variant's WAR, assembled from the endpoint's classes, its own files and the jars a team would add. */
final class War {
    private final String name;
    private final List<Class<?>> classes = new ArrayList<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<Path> libraries = new ArrayList<>();

    private War(String name) {
        this.name = name;
    }

    /** A WAR that Payara Micro deploys at {@code /name}. */
    static War named(String name) {
        return new War(name);
    }

    War classes(Class<?>... types) {
        classes.addAll(List.of(types));
        return this;
    }

    War file(String path, String content) {
        files.put(path, content);
        return this;
    }

    War libraries(List<Path> jars) {
        libraries.addAll(jars);
        return this;
    }

    /** A web.xml with these context-params. */
    War contextParams(Map<String, String> params) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                """);
        params.forEach((key, value) -> xml.append("  <context-param><param-name>").append(key)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
        return file("WEB-INF/web.xml", xml.append("</web-app>\n").toString());
    }

    Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path war = dir.resolve(name + ".war");
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    put(zip, "WEB-INF/classes/" + entry, in.readAllBytes());
                }
            }
            for (Map.Entry<String, String> entry : files.entrySet()) {
                put(zip, entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
            for (Path jar : libraries) {
                put(zip, "WEB-INF/lib/" + jar.getFileName(), Files.readAllBytes(jar));
            }
        }
        return war;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
