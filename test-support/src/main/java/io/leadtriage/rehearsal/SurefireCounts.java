package io.leadtriage.rehearsal;

import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Test counts as Maven Surefire reports them: one {@code TEST-<class>.xml} per test class, whose
 * {@code testsuite} element carries {@code tests}, {@code failures}, {@code errors} and {@code skipped}.
 */
public record SurefireCounts(int tests, int failures, int errors, int skipped) {
    public static final SurefireCounts NONE = new SurefireCounts(0, 0, 0, 0);

    public SurefireCounts plus(SurefireCounts other) {
        return new SurefireCounts(tests + other.tests, failures + other.failures, errors + other.errors,
                skipped + other.skipped);
    }

    public boolean passed() {
        return failures == 0 && errors == 0;
    }

    @Override
    public String toString() {
        return "run " + tests + ", failures " + failures + ", errors " + errors + ", skipped " + skipped;
    }

    /** Per test class (the report's suite name), from every TEST-*.xml of a reports folder; empty if there is none. */
    public static Map<String, SurefireCounts> byClass(Path reportsDir) {
        return byClass(reportsDir, name -> true);
    }

    /** As {@link #byClass(Path)}, keeping only the classes {@code keep} accepts. */
    public static Map<String, SurefireCounts> byClass(Path reportsDir, Predicate<String> keep) {
        Map<String, SurefireCounts> counts = new TreeMap<>();
        if (!Files.isDirectory(reportsDir)) {
            return counts;
        }
        try (Stream<Path> files = Files.list(reportsDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Element suite = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
                String name = suite.getAttribute("name");
                if (keep.test(name)) {
                    counts.merge(name, new SurefireCounts(number(suite, "tests"), number(suite, "failures"),
                            number(suite, "errors"), number(suite, "skipped")), SurefireCounts::plus);
                }
            }
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot read the Surefire reports in " + reportsDir + ": " + e.getMessage(), e);
        }
        return counts;
    }

    public static SurefireCounts total(Map<String, SurefireCounts> byClass) {
        return byClass.values().stream().reduce(NONE, SurefireCounts::plus);
    }

    private static int number(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isBlank() ? 0 : Integer.parseInt(value.strip());
    }
}
