package io.leadtriage.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.handlers.UnsubscribeHandler;
import io.leadtriage.local.StoredEmail;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The emails the SES emulator caught for one address, the token of a link in them, and that link as API Gateway hands it over. */
public final class LinkEmails {
    private LinkEmails() {
    }

    public static List<String> subjectsTo(String email) {
        return SesBackend.shared().sentEmails().stream().filter(e -> e.to().contains(email)).map(StoredEmail::subject)
                .toList();
    }

    /** The token of the first link to {@code path} ({@code /v1/confirm}) in the text of the first email to the address. */
    public static String tokenOfLink(String email, String path) {
        StoredEmail first = SesBackend.shared().sentEmails().stream().filter(e -> e.to().contains(email)).findFirst()
                .orElseThrow();
        Matcher link = Pattern.compile("https?://\\S+" + Pattern.quote(path) + "\\?t=([A-Za-z0-9._-]+)").matcher(first.text());
        assertThat(link.find()).as("the email's text carries the link to " + path).isTrue();
        return link.group(1);
    }

    /** The envelope of events/ with the link's token in its query. */
    public static APIGatewayV2HTTPEvent envelope(String name, String token) {
        APIGatewayV2HTTPEvent event = Events.load(name);
        event.setRawQueryString("t=" + token);
        event.setQueryStringParameters(Map.of("t", token));
        return event;
    }

    /**
     * Opens a link's page three times, as a mail scanner, a link preview and the person do, and checks each time that
     * it answers the page with {@code shows} (its button among them). Whether anything was written is the caller's to
     * check, against what it knows of the lead.
     */
    public static void openedThreeTimes(UnsubscribeHandler pages, String envelope, String token, String... shows) {
        for (int look = 0; look < 3; look++) {
            APIGatewayV2HTTPResponse page = pages.handleRequest(envelope(envelope, token), null);
            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(page.getBody()).contains(shows);
        }
    }
}
