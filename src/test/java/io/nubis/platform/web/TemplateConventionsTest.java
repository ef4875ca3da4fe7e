package io.nubis.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * The layout names some values with {@code let} (e.g. {@code active}, the current nav entry); inside the sections a
     * page fills, they hide the page's own parameters of the same name (the setup page's Start button once vanished
     * so). No checked template may take a parameter named like one of them.
     */
    @Test
    void noPageParameterIsHiddenByTheLayoutsNames() throws IOException {
        Set<String> layoutNames = new TreeSet<>();
        Matcher let = Pattern.compile("\\{#let ([^}]*)}").matcher(Files.readString(TEMPLATES.resolve("layout.html")));
        while (let.find()) {
            for (String part : let.group(1).trim().split("\\s+")) {
                layoutNames.add(part.split("=")[0]);
            }
        }
        assertTrue(layoutNames.contains("active"), layoutNames.toString());
        Pattern nativeTemplate = Pattern.compile("static native TemplateInstance \\w+\\(([^)]*)\\)");
        Set<String> hidden = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = nativeTemplate.matcher(Files.readString(f));
                while (m.find()) {
                    for (String param : m.group(1).split(",")) {
                        String[] words = param.trim().split("\\s+");
                        if (layoutNames.contains(words[words.length - 1])) {
                            hidden.add(f.getFileName() + ": " + words[words.length - 1]);
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), hidden, "template parameters the layout's names hide");
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
