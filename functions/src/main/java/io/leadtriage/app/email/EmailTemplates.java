package io.leadtriage.app.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.domain.model.QualificationModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the model's email templates are compiled, and the check that they will render. The composer and
 * the check share the compilers, so a template the check accepts is one the composer can send.
 */
public final class EmailTemplates {
    /** The variables a model template may use; {@link NurtureComposer} fills every one. */
    public static final List<String> VARIABLES = List.of(
            "firstName", "name", "company", "surveyUrl", "finishUrl", "bookingUrl", "confirmUrl", "senderName");

    /**
     * Model templates: a variable the lead has no value for renders empty rather than failing the send,
     * and an empty value counts as absent in sections, so {@code {{#company}}…{{/company}}} only shows
     * when there is a company.
     */
    static final Mustache.Compiler MODEL_HTML = Mustache.compiler().defaultValue("").emptyStringIsFalse(true);
    static final Mustache.Compiler MODEL_TEXT = MODEL_HTML.escapeHTML(false);

    /**
     * The templates shipped in the jar: strict, so a misspelt variable fails the tests instead of
     * rendering empty. Their callers put an empty string, never null, for a missing value.
     */
    static final Mustache.Compiler BUILT_IN_HTML = Mustache.compiler().emptyStringIsFalse(true);
    static final Mustache.Compiler BUILT_IN_TEXT = BUILT_IN_HTML.escapeHTML(false);

    /** Triple mustaches and {{& }} bypass escaping; a delimiter change could hide either from this check. */
    private static final Pattern UNESCAPED_OR_NEW_DELIMITERS = Pattern.compile("\\{\\{\\s*[{&=]");
    /** A "{{" (or "{{{") whose tag is not closed by "}}" before another brace: where a tag left open is. */
    private static final Pattern UNCLOSED_TAG = Pattern.compile("\\{\\{\\{?(?![^{}]*}})");
    /** Where Mustache says a parse error is: "Section missing close tag 'company' @ line 2". */
    private static final Pattern MUSTACHE_LINE = Pattern.compile(" @ line (\\d+)$");
    private static final Set<String> CONTEXT_NAMES = Set.of(".", "this", "-first", "-last", "-index");

    private EmailTemplates() {
    }

    /**
     * Every problem with the model's templates, each naming its place, e.g.
     * {@code templates.welcome.html: Section missing close tag 'firstName' @ line 3}. Empty when all
     * render. Missing parts are the model validator's to report; they are skipped here.
     */
    public static List<String> problems(QualificationModel model) {
        return placedProblems(model).stream().map(Problem::toString).toList();
    }

    /**
     * A problem of one part of a template.
     *
     * @param at      its place: {@code templates.welcome.html}
     * @param line    the part's line it is on, 1 for the first; 0 when it is about the whole part
     * @param message what is wrong; a parse error ends with Mustache's own {@code @ line N}
     */
    public record Problem(String at, int line, String message) {
        @Override
        public String toString() {
            return at + ": " + message;
        }
    }

    /** {@link #problems}, each with the line of its template part it is on, so the model file's line can be told. */
    public static List<Problem> placedProblems(QualificationModel model) {
        List<Problem> problems = new ArrayList<>();
        model.templates().forEach((id, template) -> {
            if (template != null) {
                String at = "templates." + id;
                check(problems, at + ".subject", template.subject(), MODEL_TEXT, false);
                check(problems, at + ".html", template.html(), MODEL_HTML, true);
                check(problems, at + ".text", template.text(), MODEL_TEXT, false);
            }
        });
        return problems;
    }

    /** One model template, compiled for each of its parts. */
    record Compiled(Template subject, Template html, Template text) {
        static Compiled of(EmailTemplate t) {
            return new Compiled(MODEL_TEXT.compile(orEmpty(t.subject())), MODEL_HTML.compile(orEmpty(t.html())),
                    MODEL_TEXT.compile(orEmpty(t.text())));
        }

        private static String orEmpty(String source) {
            return source == null ? "" : source;
        }
    }

    private static void check(List<Problem> problems, String at, String source, Mustache.Compiler compiler,
                              boolean html) {
        if (source == null) {
            return;
        }
        Matcher unescaped = UNESCAPED_OR_NEW_DELIMITERS.matcher(source);
        if (html && unescaped.find()) {
            problems.add(new Problem(at, lineOf(source, unescaped.start()), "{{{name}}}, {{& name}} and {{=…=}} are not"
                    + " allowed in html: values are the lead's own input and must stay escaped; write {{name}}"));
        }
        Template template;
        try {
            template = compiler.compile(source);
        } catch (MustacheException e) {
            Matcher line = MUSTACHE_LINE.matcher(String.valueOf(e.getMessage()));
            problems.add(new Problem(at, line.find() ? Integer.parseInt(line.group(1)) : 0, e.getMessage()));
            return;
        }
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> partials = new LinkedHashSet<>();
        boolean[] leftOpen = {false};
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
                // Mustache keeps a "{{" no "}}" closes as text: the email would show "{{firstName}," to the lead.
                leftOpen[0] |= text.contains("{{");
            }

            @Override
            public void visitVariable(String name) {
                known(name);
            }

            @Override
            public boolean visitInclude(String name) {
                partials.add(name);
                return false;
            }

            @Override
            public boolean visitParent(String name) {
                partials.add("<" + name);
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                known(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                known(name);
                return true;
            }

            private void known(String name) {
                if (!VARIABLES.contains(name) && !CONTEXT_NAMES.contains(name)) {
                    unknown.add(name);
                }
            }
        });
        if (leftOpen[0]) {
            Matcher open = UNCLOSED_TAG.matcher(source);
            problems.add(new Problem(at, open.find() ? lineOf(source, open.start()) : 0, "a {{ that no }} closes: write {{name}}"));
        }
        if (!partials.isEmpty()) {
            problems.add(new Problem(at, lineOf(source, source.indexOf("{{>")),
                    "partials are not supported ({{>" + String.join("}}, {{>", partials) + "}})"));
        }
        if (!unknown.isEmpty()) {
            Matcher first = Pattern.compile("\\{\\{\\s*[#^/]?\\s*" + Pattern.quote(unknown.iterator().next())).matcher(source);
            problems.add(new Problem(at, first.find() ? lineOf(source, first.start()) : 0, "unknown variable"
                    + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + "; available: " + String.join(", ", VARIABLES)));
        }
        if (partials.isEmpty()) {
            try {
                template.execute(sampleValues());
            } catch (RuntimeException e) {
                problems.add(new Problem(at, 0, "does not render: " + e.getMessage()));
            }
        }
    }

    /** The line of the part the offset is on, 1 for the first; 0 for no offset. */
    private static int lineOf(String source, int offset) {
        if (offset < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A template shipped in the jar, under {@code email/}; compiled once, when its composer class loads. */
    static Template builtIn(String name, Mustache.Compiler compiler) {
        String resource = "email/" + name;
        try (InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> sampleValues() {
        Map<String, String> values = new TreeMap<>();
        VARIABLES.forEach(name -> values.put(name, name));
        return values;
    }
}
