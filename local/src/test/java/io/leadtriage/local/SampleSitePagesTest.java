package io.leadtriage.local;

import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample site keeps the promises its pages and the model's emails make. */
class SampleSitePagesTest {
    static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten");
    static final QualificationModel MODEL = ModelLoader.loadDefault();

    static String page(String name) {
        try (InputStream in = SampleSitePagesTest.class.getClassLoader().getResourceAsStream("site/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the visible fields of the first form of the page with this id. */
    static List<String> fieldsOf(String html, String formId) {
        int start = html.indexOf("<form id=\"" + formId + "\"");
        String form = html.substring(start, html.indexOf("</form>", start));
        Matcher m = Pattern.compile("<(?:input|select|textarea)\\b[^>]*\\bname=\"([^\"]+)\"[^>]*>").matcher(form);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            if (!m.group().contains("type=\"hidden\"")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void theSurveyInviteOffersAsManyQuestionsAsTheSurveyAsks() {
        List<String> asked = fieldsOf(page("survey.html"), "survey");
        List<String> accepted = MODEL.surveys().get("follow-up").fields();
        String number = NUMBERS.get(asked.size());

        assertThat(asked).containsExactlyInAnyOrderElementsOf(accepted);
        EmailTemplate invite = MODEL.templates().get("survey-invite");
        for (String part : List.of(invite.subject(), invite.html(), invite.text())) {
            assertThat(part.toLowerCase(Locale.ROOT)).contains(number + " quick questions");
        }
        assertThat(page("survey.html")).contains("<h1 id=\"title\" tabindex=\"-1\">"
                + Character.toUpperCase(number.charAt(0)) + number.substring(1) + " quick questions</h1>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "book.html", "survey.html", "thank-you.html", "survey-thanks.html", "pricing.html"})
    void everyPageHasTheFavicon(String name) {
        assertThat(page(name)).contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">");
        assertThat(page("favicon.svg")).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    }

    @Test
    void theBookingPageMarksWhereTheSchedulingEmbedGoesAndOffersNoFakeTimes() {
        String book = page("book.html");

        assertThat(book).doesNotContain("class=\"slots\"", "Tue 10:00", "<button", "<li>Wed");
        assertThat(book).contains("class=\"embed-slot\"", "nothing here can be booked", "calendly-inline-widget",
                "meetings.hubspot.com", "Cal(\"inline\"");
    }

    @Test
    void stepTwoAsksAnOptionalPhoneNumber() {
        String index = page("index.html");

        assertThat(fieldsOf(index, "step2")).contains("phone");
        assertThat(index).contains("<input id=\"phone\" name=\"phone\" type=\"tel\" autocomplete=\"tel\"");
        assertThat(index).containsPattern("<label for=\"phone\">Phone <span class=\"optional\">");
    }
}
