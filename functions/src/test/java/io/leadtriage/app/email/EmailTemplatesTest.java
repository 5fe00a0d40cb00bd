package io.leadtriage.app.email;

import io.leadtriage.TestModels;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EmailTemplatesTest {
    static final String OK_HTML = "<p>Hi {{#firstName}}{{firstName}}{{/firstName}}{{^firstName}}there{{/firstName}}</p>";

    @Test
    void theShippedTemplatesHaveNoProblems() {
        assertThat(EmailTemplates.problems(TestModels.defaultModel())).isEmpty();
    }

    static Stream<Arguments> brokenTemplates() {
        return Stream.of(
                Arguments.of("unclosed section in html",
                        new EmailTemplate("Hi", "<p>Hi\n{{#company}}teams like {{company}}</p>", "Hi"),
                        List.of("templates.broken.html: Section missing close tag 'company' @ line 2")),
                Arguments.of("close tag without open in text",
                        new EmailTemplate("Hi", OK_HTML, "Hi\n\n{{/firstName}}"),
                        List.of("templates.broken.text: Section close tag with no open tag 'firstName' @ line 3")),
                Arguments.of("mismatched sections in the subject",
                        new EmailTemplate("Hi{{#firstName}}, {{firstName}}{{/company}}", OK_HTML, "Hi"),
                        List.of("templates.broken.subject: Section close tag with mismatched open tag 'company'"
                                + " != 'firstName' @ line 1")),
                Arguments.of("misspelt variable",
                        new EmailTemplate("Hi", "<a href=\"{{surveyURL}}\">go</a>", "Hi {{firstname}} {{name}}"),
                        List.of("templates.broken.html: unknown variable surveyURL; available: firstName, name,"
                                        + " company, surveyUrl, finishUrl, bookingUrl, confirmUrl, senderName",
                                "templates.broken.text: unknown variable firstname; available: firstName, name,"
                                        + " company, surveyUrl, finishUrl, bookingUrl, confirmUrl, senderName")),
                Arguments.of("a tag left open",
                        new EmailTemplate("Hi {{firstName}, welcome", OK_HTML, "Hi\n\nsee {{surveyUrl}"),
                        List.of("templates.broken.subject: a {{ that no }} closes: write {{name}}",
                                "templates.broken.text: a {{ that no }} closes: write {{name}}")),
                Arguments.of("partial",
                        new EmailTemplate("Hi", "{{>footer}}", "Hi"),
                        List.of("templates.broken.html: partials are not supported ({{>footer}})")),
                Arguments.of("unescaped value in html",
                        new EmailTemplate("Hi", "<p>{{{name}}} {{& company}}</p>", "{{{name}}}"),
                        List.of("templates.broken.html: {{{name}}}, {{& name}} and {{=…=}} are not allowed in html:"
                                + " values are the lead's own input and must stay escaped; write {{name}}")),
                Arguments.of("changed delimiters in html",
                        new EmailTemplate("Hi", "{{=<% %>=}}<p><%name%></p>", "Hi"),
                        List.of("templates.broken.html: {{{name}}}, {{& name}} and {{=…=}} are not allowed in html:"
                                + " values are the lead's own input and must stay escaped; write {{name}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTemplates")
    void aBrokenTemplateIsReportedWithItsPlace(String why, EmailTemplate template, List<String> problems) {
        Map<String, EmailTemplate> templates = new LinkedHashMap<>(TestModels.defaultModel().templates());
        templates.put("broken", template);

        assertThat(EmailTemplates.problems(withTemplates(templates))).containsExactlyElementsOf(problems);
    }

    @Test
    void sectionVariablesAndListIdiomsAreKnown() {
        Map<String, EmailTemplate> templates = Map.of("fine", new EmailTemplate("{{#name}}{{.}}{{/name}}",
                "{{#company}}{{this}}{{/company}}", "{{^bookingUrl}}no link{{/bookingUrl}}"));

        assertThat(EmailTemplates.problems(withTemplates(templates))).isEmpty();
    }

    @Test
    void missingPartsAreLeftToTheModelValidator() {
        Map<String, EmailTemplate> templates = new LinkedHashMap<>();
        templates.put("empty", null);
        templates.put("half", new EmailTemplate("Hi", null, null));

        assertThat(EmailTemplates.problems(withTemplates(templates))).isEmpty();
    }

    static QualificationModel withTemplates(Map<String, EmailTemplate> templates) {
        QualificationModel m = TestModels.defaultModel();
        return new QualificationModel(m.tiers(), m.lists(), m.fit(), m.behaviour(), m.disqualify(), m.stages(),
                m.roleFromJobTitle(), m.painPoints(), m.alerts(), m.forms(), m.surveys(), m.nurture(), templates,
                m.questions(), m.accounts());
    }
}
