package io.nubis.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Portal rules a reviewer would otherwise have to remember: CSRF in every POST form, no assets from a CDN. */
class TemplateConventionsTest {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Pattern POST_FORM = Pattern.compile("<form[^>]*method=\"post\"[^>]*>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    static final Pattern EXTERNAL_ASSET = Pattern.compile("(src|href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE);

    @Test
    void everyPostFormCarriesTheCsrfToken() throws IOException {
        Set<String> missing = new TreeSet<>();
        forEachTemplate((file, html) -> {
            Matcher m = POST_FORM.matcher(html);
            while (m.find()) {
                if (!m.group(1).contains("{#csrf /}")) {
                    missing.add(file);
                }
            }
        });
        assertEquals(Set.of(), missing, "POST forms without {#csrf /}");
    }

    @Test
    void assetsComeFromThisServerOnly() throws IOException {
        Set<String> external = new TreeSet<>();
        forEachTemplate((file, html) -> {
            if (EXTERNAL_ASSET.matcher(html).find()) {
                external.add(file);
            }
        });
        assertEquals(Set.of(), external, "templates that load something from another host");
    }

    interface TemplateVisitor {

        void visit(String file, String html) throws IOException;
    }

    static void forEachTemplate(TemplateVisitor v) throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                v.visit(TEMPLATES.relativize(f).toString(), Files.readString(f));
            }
        }
    }
}
