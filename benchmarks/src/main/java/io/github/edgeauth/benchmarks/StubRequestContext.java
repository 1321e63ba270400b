package io.github.edgeauth.benchmarks;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The parts of a JAX-RS request context a client filter touches: headers and properties. For benchmarks. */
final class StubRequestContext implements ClientRequestContext {
    private static final URI TARGET = URI.create("http://127.0.0.1/inventory/api/stock/42");
    private final Map<String, Object> properties = new HashMap<>();
    private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

    /** Clears the headers, as a new request would have none. */
    void reset() {
        headers.clear();
        properties.clear();
    }

    @Override public Object getProperty(String name) { return properties.get(name); }
    @Override public Collection<String> getPropertyNames() { return properties.keySet(); }
    @Override public void setProperty(String name, Object object) { properties.put(name, object); }
    @Override public void removeProperty(String name) { properties.remove(name); }
    @Override public MultivaluedMap<String, Object> getHeaders() { return headers; }
    @Override public URI getUri() { return TARGET; }
    @Override public void setUri(URI uri) { throw new UnsupportedOperationException(); }
    @Override public String getMethod() { return "GET"; }
    @Override public void setMethod(String method) { throw new UnsupportedOperationException(); }
    @Override public MultivaluedMap<String, String> getStringHeaders() { throw new UnsupportedOperationException(); }
    @Override public String getHeaderString(String name) { throw new UnsupportedOperationException(); }
    @Override public Date getDate() { return null; }
    @Override public Locale getLanguage() { return null; }
    @Override public MediaType getMediaType() { return null; }
    @Override public List<MediaType> getAcceptableMediaTypes() { return List.of(); }
    @Override public List<Locale> getAcceptableLanguages() { return List.of(); }
    @Override public Map<String, Cookie> getCookies() { return Map.of(); }
    @Override public boolean hasEntity() { return false; }
    @Override public Object getEntity() { return null; }
    @Override public Class<?> getEntityClass() { return null; }
    @Override public Type getEntityType() { return null; }
    @Override public void setEntity(Object entity) { throw new UnsupportedOperationException(); }
    @Override public void setEntity(Object entity, Annotation[] annotations, MediaType mediaType) { throw new UnsupportedOperationException(); }
    @Override public Annotation[] getEntityAnnotations() { return new Annotation[0]; }
    @Override public OutputStream getEntityStream() { throw new UnsupportedOperationException(); }
    @Override public void setEntityStream(OutputStream outputStream) { throw new UnsupportedOperationException(); }
    @Override public Client getClient() { throw new UnsupportedOperationException(); }
    @Override public Configuration getConfiguration() { throw new UnsupportedOperationException(); }
    @Override public void abortWith(Response response) { throw new UnsupportedOperationException(); }
}
