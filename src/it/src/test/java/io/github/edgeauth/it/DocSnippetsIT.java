package io.github.edgeauth.it;

import io.github.edgeauth.it.docs.OldTokenFilter;
import io.github.edgeauth.it.legacy.WhoAmIResource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every web.xml snippet the README and docs/ show, deployed as written: they are read from the pages at
 * build time and put, together, into the web.xml of a legacy WAR that adds the jar; then each one is seen
 * to act. Runs on every server of the matrix. The server's own {@code edgeauth.context.jwks-url} (a system
 * property, which comes first) stands in for the README's placeholder edge address.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocSnippetsIT {
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);
    private static final Set<String> WEB_XML_ELEMENTS = Set.of("context-param", "filter", "filter-mapping", "listener");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    @TargetsContainer("backend")
    static WebArchive warConfiguredAsTheDocsShow() throws URISyntaxException {
        List<String> snippets = webXmlSnippets();
        assertTrue(snippets.size() >= 5, "found only " + snippets.size() + " web.xml snippets in the docs");
        String webXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
                // The WAR's own old check, which migration.md's filter-mapping snippet names.
                + "<filter><filter-name>OldTokenFilter</filter-name><filter-class>" + OldTokenFilter.class.getName()
                + "</filter-class></filter>\n"
                + String.join("\n", snippets) + "\n</web-app>\n";
        return ShrinkWrap.create(WebArchive.class, "documented.war")
                .addClasses(WhoAmIResource.class, WhoAmIResource.LegacyApplication.class, OldTokenFilter.class)
                .setWebXML(new StringAsset(webXml))
                .addAsLibraries(Archives.filterJar(), Archives.coreJar())
                .addAsLibraries(Archives.nimbusJar());
    }

    /** Every ```xml block of the README and docs/ made of web.xml elements, in page order. */
    static List<String> webXmlSnippets() {
        Path docs = Path.of(System.getProperty("edgeauth.docs.dir"));
        List<Path> pages = new ArrayList<>(List.of(docs.resolveSibling("README.md")));
        try (Stream<Path> files = Files.list(docs)) {
            files.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
            List<String> snippets = new ArrayList<>();
            Set<String> contextParams = new HashSet<>();
            for (Path page : pages) {
                Matcher block = XML_BLOCK.matcher(Files.readString(page));
                while (block.find()) {
                    String xml = block.group(1).strip();
                    String element = xml.substring(1, xml.indexOf('>'));
                    if (WEB_XML_ELEMENTS.contains(element)) {
                        Matcher name = Pattern.compile("<param-name>(.*?)</param-name>").matcher(xml);
                        while (name.find()) {
                            assertTrue(contextParams.add(name.group(1)), "two snippets set " + name.group(1));
                        }
                        snippets.add(xml);
                    }
                }
            }
            return snippets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(TestContexts.onLoopback(deployed, path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aUserWithTheDocumentedScopeIsServed() throws Exception {
        HttpResponse<String> response = get("api/whoami",
                "X-User-Context", TestContexts.context("olga", Set.of("admin"), Set.of("inventory:read")));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("injected=olga\n"), response.body());
        assertTrue(response.body().contains("principal=olga\n"), response.body());
    }

    @Test
    void theDocumentedRequiredScopeIsEnforced() throws Exception {
        HttpResponse<String> response = get("api/whoami", "X-User-Context", TestContexts.context("olga", Set.of("admin")));
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"reason\":\"insufficient_scope\""), response.body());
    }

    @Test
    void withTheDocumentedOptionalPolicyTheOldCheckDecidesForCallersWithoutAContext() throws Exception {
        // Off the paths with edgeauth rules (migration.md: "a rule on a path wants an edgeauth identity").
        HttpResponse<String> refused = get("reports/old");
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(!refused.body().contains("missing_credentials"), "the old check answered, not edgeauth: " + refused.body());
        HttpResponse<String> oldCaller = get("reports/old", "X-Old-Token", "old-token");
        assertEquals(404, oldCaller.statusCode(), "past both checks, to a page this WAR does not have");
        HttpResponse<String> anonymousApi = get("api/whoami");
        assertTrue(anonymousApi.body().contains("\"reason\":\"missing_credentials\""), anonymousApi.body());
    }
}
