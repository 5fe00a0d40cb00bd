package io.leadtriage.app.email;

import io.leadtriage.TestModels;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class NurtureComposerTest {
    static final QualificationModel MODEL = TestModels.defaultModel();
    static final String FROM = "Sam at Leadtriage <hello@leadtriage.example>";
    static final String POSTAL = "Leadtriage GmbH, Torstraße 1, 10119 Berlin, Germany";
    static final String UNSUBSCRIBE_PAGE = "https://api.leadtriage.example/v1/unsubscribe?t=page-token";
    static final String ONE_CLICK = "https://api.leadtriage.example/v1/unsubscribe/one-click?t=post-token";
    static final String SURVEY = "https://api.leadtriage.example/s/survey-token";
    static final String FINISH = "https://www.leadtriage.example/get-started/step-2";
    static final String BOOKING = "https://cal.leadtriage.example/sam";
    static final NurtureLinks LINKS = new NurtureLinks(UNSUBSCRIBE_PAGE, ONE_CLICK, SURVEY, FINISH, BOOKING);
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    final NurtureComposer composer = new NurtureComposer(MODEL, FROM, "Sam", POSTAL);

    static LeadRecord lead(Map<String, String> answers) {
        return new LeadRecord(new Lead("01JLEAD", "jane@acme.io", Answers.of(answers), List.of()), 1, NOW, NOW,
                null, Map.of(), null, null, 0, null, null, null, null, null);
    }

    // ── every shipped template ────────────────────────────────────────────────────────────────────

    static Stream<Arguments> shippedTemplatesForEveryKindOfLead() {
        Map<String, Map<String, String>> leads = new LinkedHashMap<>();
        leads.put("first name and company", Map.of("firstName", "Jane", "lastName", "Roe", "company", "Acme"));
        leads.put("full name, no company", Map.of("name", "Jane Roe"));
        leads.put("email only", Map.of());
        return MODEL.templates().keySet().stream()
                .flatMap(template -> leads.entrySet().stream()
                        .map(lead -> Arguments.of(template, lead.getKey(), lead.getValue())));
    }

    @ParameterizedTest(name = "{0} for a lead with {1}")
    @MethodSource("shippedTemplatesForEveryKindOfLead")
    void everyShippedTemplateRendersWithFooterAndUnsubscribeHeaders(String template, String kind,
                                                                    Map<String, String> answers) {
        OutgoingEmail email = composer.compose(lead(answers), template, LINKS);

        assertThat(email.kind()).isEqualTo(EmailKind.NURTURE);
        assertThat(email.from()).isEqualTo(FROM);
        assertThat(email.to()).containsExactly("jane@acme.io");
        assertThat(email.subject()).isNotBlank().doesNotContain("\n", "\r", "{{", ", ?", ", }");
        assertThat(email.headers()).containsOnly(
                entry("List-Unsubscribe", "<" + ONE_CLICK + ">"),
                entry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        assertThat(email.html()).doesNotContain("{{", "}}")
                .contains("href=\"" + escaped(UNSUBSCRIBE_PAGE) + "\"", ">Unsubscribe</a>", POSTAL)
                .startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(email.text()).doesNotContain("{{", "}}")
                .contains("Unsubscribe: " + UNSUBSCRIBE_PAGE, POSTAL);
        boolean named = answers.containsKey("firstName") || answers.containsKey("name");
        assertThat(email.text()).startsWith(named ? "Hi Jane," : "Hi there,");
        assertThat(email.html()).contains(named ? "Hi Jane," : "Hi there,");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "first name given      | firstName=Jane;lastName=Roe;company=Acme | Thanks for reaching out, Jane | teams like Acme qualify",
            "first word of name    | name=Jane van Roe                        | Thanks for reaching out, Jane | teams like yours qualify",
            "nothing but the email | ''                                       | Thanks for reaching out       | teams like yours qualify",
    })
    void variablesFallBackAsTheTemplatesExpect(String why, String answers, String subject, String body) {
        OutgoingEmail email = composer.compose(lead(parse(answers)), "welcome", LINKS);

        assertThat(email.subject()).isEqualTo(subject);
        assertThat(email.text()).contains(body, "— Sam");
        assertThat(email.html()).contains(body, "— Sam");
    }

    @Test
    void theSurveyInviteCarriesTheSurveyLink() {
        OutgoingEmail email = composer.compose(lead(Map.of("name", "Jane Roe")), "survey-invite", LINKS);

        assertThat(email.html()).contains("<a href=\"" + SURVEY + "\">answer five quick questions</a>");
        assertThat(email.text()).contains(SURVEY);
    }

    @ParameterizedTest
    @CsvSource({"finish-your-request, " + FINISH, "book-a-call, " + BOOKING})
    void otherLinksReachTheirTemplates(String template, String url) {
        OutgoingEmail email = composer.compose(lead(Map.of()), template, LINKS);

        assertThat(email.html()).contains("href=\"" + url + "\"");
        assertThat(email.text()).contains(url);
    }

    @Test
    void aLinkWithAQueryIsEscapedInHtmlOnly() {
        String survey = "https://api.leadtriage.example/s?lead=01J&sig=abc";
        NurtureLinks links = new NurtureLinks(UNSUBSCRIBE_PAGE, ONE_CLICK, survey, null, null);
        OutgoingEmail email = composer.compose(lead(Map.of()), "survey-invite", links);

        assertThat(email.html()).contains("href=\"https://api.leadtriage.example/s?lead&#x3D;01J&amp;sig&#x3D;abc\"");
        assertThat(email.text()).contains(survey);
    }

    // ── values and templates the model did not foresee ────────────────────────────────────────────

    @Test
    void aVariableWithoutAValueOrUnknownToTheComposerRendersEmpty() {
        NurtureComposer custom = composerWith(Map.of("odd", new EmailTemplate(
                "Hello {{firstName}}{{nickname}}!", "<p>[{{surveyUrl}}] [{{nickname}}] [{{company}}]</p>",
                "[{{surveyUrl}}] [{{nickname}}] [{{company}}]")));
        NurtureLinks noSurvey = new NurtureLinks(UNSUBSCRIBE_PAGE, ONE_CLICK, null, null, null);

        OutgoingEmail email = custom.compose(lead(Map.of()), "odd", noSurvey);

        assertThat(email.subject()).isEqualTo("Hello !");
        assertThat(email.html()).contains("<p>[] [] []</p>");
        assertThat(email.text()).startsWith("[] [] []");
    }

    @Test
    void whatTheLeadTypedIsEscapedInHtmlVerbatimInTextAndOneLineInTheSubject() {
        NurtureComposer custom = composerWith(Map.of("echo", new EmailTemplate(
                "Hi {{firstName}} from {{company}}", "<p>Hi {{name}} from {{company}}</p>",
                "Hi {{name}} from {{company}}")));
        String name = "<script>alert(1)</script>";
        String company = "Acme\r\nBcc: all@acme.io \" onmouseover=\"x";

        OutgoingEmail email = custom.compose(lead(Map.of("firstName", "Jane\nX", "name", name, "company", company)),
                "echo", LINKS);

        assertThat(email.subject()).isEqualTo("Hi Jane X from Acme Bcc: all@acme.io \" onmouseover=\"x");
        assertThat(email.html()).doesNotContain(name, "\" onmouseover=\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot; onmouseover&#x3D;&quot;x");
        assertThat(email.text()).startsWith("Hi " + name + " from " + company);
    }

    @Test
    void aWholeDocumentTemplateGetsTheFooterBeforeItsBodyEnds() {
        NurtureComposer custom = composerWith(Map.of("designed", new EmailTemplate("News",
                "<html><body><h1>News for {{firstName}}</h1></BODY></html>", "News")));

        String html = custom.compose(lead(Map.of("firstName", "Jane")), "designed", LINKS).html();

        assertThat(html).startsWith("<html><body><h1>News for Jane</h1>")
                .containsSubsequence("</h1>", ">Unsubscribe</a>", POSTAL, "</BODY></html>")
                .doesNotContain("<!DOCTYPE");
    }

    @Test
    void aMultiLinePostalAddressKeepsItsLines() {
        NurtureComposer composer = new NurtureComposer(MODEL, FROM, "", "Leadtriage GmbH\nTorstraße 1\n10119 Berlin");

        OutgoingEmail email = composer.compose(lead(Map.of()), "welcome", LINKS);

        assertThat(email.html()).contains("Leadtriage GmbH<br>Torstraße 1<br>10119 Berlin", "you asked us to keep in touch");
        assertThat(email.text()).endsWith("Unsubscribe: " + UNSUBSCRIBE_PAGE + "\nLeadtriage GmbH\nTorstraße 1\n10119 Berlin\n");
    }

    @Test
    void anUnknownTemplateIsNamedInTheError() {
        assertThatThrownBy(() -> composer.compose(lead(Map.of()), "welcom", LINKS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'welcom'");
    }

    @Test
    void aTemplateThatDoesNotCompileSaysWhichAndWhere() {
        NurtureComposer custom = composerWith(Map.of("broken", new EmailTemplate("Hi",
                "<p>{{#firstName}}Hi</p>", "Hi")));

        assertThatThrownBy(() -> custom.compose(lead(Map.of()), "broken", LINKS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("templates.broken").hasMessageContaining("firstName");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null, " + ONE_CLICK + ", unsubscribePageUrl",
            UNSUBSCRIBE_PAGE + ", null, oneClickUnsubscribeUrl",
            UNSUBSCRIBE_PAGE + ", javascript:alert(1), oneClickUnsubscribeUrl",
            UNSUBSCRIBE_PAGE + ", https://x.example/u>, oneClickUnsubscribeUrl",
            "/unsubscribe, " + ONE_CLICK + ", unsubscribePageUrl",
    })
    void unsubscribeLinksAreRequiredWebAddresses(String page, String oneClick, String named) {
        assertThatThrownBy(() -> new NurtureLinks(page, oneClick, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(named);
    }

    @Test
    void aPostalAddressIsRequired() {
        assertThatThrownBy(() -> new NurtureComposer(MODEL, FROM, "Sam", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postal address");
    }

    @Test
    void composersAreSafeToShareBetweenThreads() throws Exception {
        NurtureComposer shared = new NurtureComposer(MODEL, FROM, "Sam", POSTAL);
        OutgoingEmail expected = new NurtureComposer(MODEL, FROM, "Sam", POSTAL)
                .compose(lead(Map.of("name", "Jane Roe")), "survey-invite", LINKS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<OutgoingEmail>> sent = IntStream.range(0, 64).mapToObj(i -> pool.submit(() ->
                    shared.compose(lead(Map.of("name", "Jane Roe")), i % 2 == 0 ? "survey-invite" : "welcome", LINKS)))
                    .toList();
            for (int i = 0; i < sent.size(); i += 2) {
                assertThat(sent.get(i).get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static NurtureComposer composerWith(Map<String, EmailTemplate> templates) {
        QualificationModel m = MODEL;
        QualificationModel custom = new QualificationModel(m.tiers(), m.lists(), m.fit(), m.behaviour(),
                m.disqualify(), m.stages(), m.roleFromJobTitle(), m.painPoints(), m.alerts(), m.forms(), m.surveys(),
                m.nurture(), templates, m.questions(), m.accounts());
        return new NurtureComposer(custom, FROM, "Sam", POSTAL);
    }

    static Map<String, String> parse(String answers) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : answers.split(";")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0].strip(), kv[1].strip());
            }
        }
        return values;
    }

    /** As jmustache escapes a value in HTML. */
    static String escaped(String value) {
        return value.replace("&", "&amp;").replace("=", "&#x3D;");
    }
}
