package io.leadtriage.app.sesevents;

import io.leadtriage.app.sesevents.LinkScannerDetector.EarlierClick;
import io.leadtriage.app.sesevents.LinkScannerDetector.Thresholds;
import io.leadtriage.app.sesevents.LinkScannerDetector.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static io.leadtriage.app.sesevents.SesEventParserTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LinkScannerDetectorTest {
    static final Instant SENT = Instant.parse("2025-03-10T09:15:02.418Z");
    static final Instant DELIVERED = Instant.parse("2025-03-10T09:15:03.905Z");
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/133.0.0.0 Safari/537.36";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_3 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/18.3 Mobile/15E148 Safari/604.1";
    static final String PRICING = "https://www.example.com/pricing";
    static final String DEMO = "https://www.example.com/demo";
    static final String GUIDE = "https://www.example.com/guides/onboarding";

    final LinkScannerDetector detector = new LinkScannerDetector();

    /**
     * One row: the click's user agent (null for none) and link, its delay after delivery in milliseconds, the
     * other clicks on the message as "link@millis after delivery", the message's link count (0 when unknown),
     * and the expected verdict.
     */
    static Stream<Arguments> clicks() {
        return Stream.of(
                arguments("a person, minutes after delivery", CHROME, PRICING, 7 * 60_000, List.of(), 3,
                        false, "no sign of a link scanner"),
                arguments("a click 2 s after delivery", CHROME, PRICING, 2_000, List.of(), 3,
                        true, "clicked 2 s after delivery (a person takes at least 10 s)"),
                arguments("a click just under the limit", IPHONE, PRICING, 9_900, List.of(), 0,
                        true, "clicked 9.9 s after delivery"),
                arguments("a click at the limit", IPHONE, PRICING, 10_000, List.of(), 0,
                        false, "no sign of a link scanner"),
                arguments("a click before delivery was recorded", CHROME, PRICING, -800, List.of(), 0,
                        true, "clicked before delivery was recorded"),
                arguments("Safe Links' Office user agent, hours later", "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
                        PRICING, 3 * 3_600_000, List.of(), 3, true, "user agent of an automated client: Microsoft Office"),
                arguments("Office's existence check", "Microsoft Office Existence Discovery", PRICING, 600_000, List.of(), 3,
                        true, "Microsoft Office"),
                arguments("an empty user agent", "", PRICING, 600_000, List.of(), 3, true, "no user agent"),
                arguments("no user agent at all", null, PRICING, 600_000, List.of(), 3, true, "no user agent"),
                arguments("Barracuda", "Mozilla/5.0 (compatible; Barracuda Sentinel (EE))", PRICING, 600_000, List.of(), 0,
                        true, "Barracuda"),
                arguments("Proofpoint", "Proofpoint URL Defense", PRICING, 600_000, List.of(), 0, true, "Proofpoint"),
                arguments("Mimecast", "Mozilla/5.0 Mimecast-URL-Protect", PRICING, 600_000, List.of(), 0, true, "Mimecast"),
                arguments("headless Chrome", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "HeadlessChrome/120.0.0.0 Safari/537.36", PRICING, 600_000, List.of(), 0, true, "headless browser"),
                arguments("python-requests", "python-requests/2.32.3", PRICING, 600_000, List.of(), 0, true, "HTTP library"),
                arguments("curl", "curl/8.5.0", PRICING, 600_000, List.of(), 0, true, "HTTP library"),
                arguments("Java's HTTP client", "Java/17.0.9", PRICING, 600_000, List.of(), 0, true, "HTTP library"),
                arguments("Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                        PRICING, 600_000, List.of(), 0, true, "crawler"),
                arguments("a Slack link preview", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
                        PRICING, 600_000, List.of(), 0, true, "link preview"),
                arguments("a CUBOT phone is a person", "Mozilla/5.0 (Linux; Android 11; CUBOT P50) AppleWebKit/537.36 "
                        + "(KHTML, like Gecko) Chrome/133.0.0.0 Mobile Safari/537.36", PRICING, 600_000, List.of(), 0,
                        false, "no sign of a link scanner"),
                arguments("all 3 links within 3 s", CHROME, GUIDE, 63_000, List.of(PRICING + "@60000", DEMO + "@61500"), 3,
                        true, "all 3 links of the message clicked within 3 s"),
                arguments("all 3 links within 3 s, events out of order", CHROME, PRICING, 60_000,
                        List.of(GUIDE + "@63000", DEMO + "@61500"), 3, true, "all 3 links of the message clicked within 3 s"),
                arguments("3 different links within 3 s, link count unknown", CHROME, GUIDE, 63_000,
                        List.of(PRICING + "@60000", DEMO + "@61500"), 0, true, "3 different links clicked within 3 s"),
                arguments("2 of 3 links within 3 s", CHROME, DEMO, 61_500, List.of(PRICING + "@60000"), 3,
                        false, "no sign of a link scanner"),
                arguments("all 3 links, but over minutes", CHROME, GUIDE, 600_000,
                        List.of(PRICING + "@60000", DEMO + "@300000"), 3, false, "no sign of a link scanner"),
                arguments("both links of a two-link message within 1 s", CHROME, DEMO, 60_800,
                        List.of(PRICING + "@60000"), 2, true, "all 2 links of the message clicked within 0.8 s"),
                arguments("the only link of a one-link message", CHROME, PRICING, 60_000, List.of(), 1,
                        false, "no sign of a link scanner"),
                arguments("the same link twice, hours apart", IPHONE, PRICING, 5 * 3_600_000,
                        List.of(PRICING + "@1800000"), 3, false, "no sign of a link scanner"),
                arguments("the same link clicked twice at once is not every link", CHROME, PRICING, 60_300,
                        List.of(PRICING + "@60000"), 3, false, "no sign of a link scanner"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clicks")
    void judgesEachClick(String name, String userAgent, String link, long millisAfterDelivery, List<String> others,
                         int linksInMessage, boolean scanner, String reason) {
        SesEvent.Click click = click(link, userAgent, DELIVERED.plusMillis(millisAfterDelivery));
        List<EarlierClick> earlier = new ArrayList<>();
        for (String other : others) {
            String[] linkAndMillis = other.split("@");
            earlier.add(new EarlierClick(linkAndMillis[0], DELIVERED.plusMillis(Long.parseLong(linkAndMillis[1]))));
        }
        OptionalInt count = linksInMessage == 0 ? OptionalInt.empty() : OptionalInt.of(linksInMessage);

        Verdict verdict = detector.assess(click, Optional.of(DELIVERED), earlier, count);

        assertThat(verdict.scanner()).as(verdict.reason()).isEqualTo(scanner);
        assertThat(verdict.reason()).contains(reason);
    }

    @Test
    void withoutADeliveryTheSendTimeStandsIn() {
        Verdict verdict = detector.assess(click(PRICING, CHROME, SENT.plusSeconds(4)), Optional.empty(), List.of(),
                OptionalInt.empty());

        assertThat(verdict).isEqualTo(new Verdict(true, "clicked 4 s after sending (a person takes at least 10 s)"));
    }

    /** On the parser's samples; local's LinkScannerDetectorEventsTest does the same with the events of events/. */
    @Test
    void theSampleScannerClickIsAScannersAndTheLeadsClickIsNot() {
        SesEvent.Delivery delivery = (SesEvent.Delivery) SesEventParser.parse(sample("delivery"));
        SesEvent.Click scanner = (SesEvent.Click) SesEventParser.parse(sample("click-scanner"));
        SesEvent.Click lead = (SesEvent.Click) SesEventParser.parse(sample("click"));

        Verdict scannerVerdict = detector.assess(scanner, Optional.of(delivery.deliveredAt()), List.of(), OptionalInt.of(2));
        Verdict leadVerdict = detector.assess(lead, Optional.of(delivery.deliveredAt()),
                List.of(EarlierClick.of(scanner)), OptionalInt.of(2));

        assertThat(scannerVerdict.scanner()).isTrue();
        assertThat(scannerVerdict.reason()).isEqualTo("user agent of an automated client: Microsoft Office");
        assertThat(leadVerdict).isEqualTo(new Verdict(false, "no sign of a link scanner"));
    }

    @Test
    void thresholdsCanBeTuned() {
        LinkScannerDetector patient = new LinkScannerDetector(new Thresholds(Duration.ofSeconds(60), Duration.ofSeconds(10), 2));
        SesEvent.Click click = click(DEMO, CHROME, DELIVERED.plusSeconds(128));

        assertThat(patient.assess(click(PRICING, CHROME, DELIVERED.plusSeconds(45)), Optional.of(DELIVERED), List.of(),
                OptionalInt.empty()).scanner()).isTrue();
        assertThat(patient.assess(click, Optional.of(DELIVERED), List.of(new EarlierClick(PRICING, DELIVERED.plusSeconds(120))),
                OptionalInt.empty())).isEqualTo(new Verdict(true, "2 different links clicked within 8 s"));
        assertThat(detector.assess(click, Optional.of(DELIVERED), List.of(new EarlierClick(PRICING, DELIVERED.plusSeconds(120))),
                OptionalInt.empty()).scanner()).isFalse();
    }

    @Test
    void nonsenseThresholdsAreRefused() {
        assertThatThrownBy(() -> new Thresholds(Duration.ofSeconds(-1), Duration.ofSeconds(5), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Thresholds(Duration.ofSeconds(10), Duration.ofSeconds(5), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReasonNeverCarriesTheLinkOrTheIpAddress() {
        SesEvent.Click click = click("https://www.example.com/unsubscribe?t=secret-token", "curl/8.5.0", DELIVERED.plusSeconds(1));

        assertThat(detector.assess(click, Optional.of(DELIVERED), List.of(), OptionalInt.empty()).reason())
                .doesNotContain("secret-token").doesNotContain("203.0.113.");
    }

    static SesEvent.Click click(String link, String userAgent, Instant at) {
        SentMessage message = new SentMessage("0102019580a1b2c3-msg", SENT, Map.of("leadId", List.of("L1")));
        return new SesEvent.Click("evt-" + at.toEpochMilli(), message, link, Map.of(), Optional.ofNullable(userAgent),
                Optional.of("203.0.113.24"), at);
    }
}
