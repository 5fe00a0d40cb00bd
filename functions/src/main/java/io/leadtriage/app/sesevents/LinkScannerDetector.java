package io.leadtriage.app.sesevents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a person's click from a link scanner's. Corporate mail gateways (Microsoft Defender Safe Links,
 * Mimecast URL Protect, Proofpoint URL Defense, Barracuda Link Protection, Cisco Secure Email, …) follow the
 * links of incoming mail to check where they lead, and SES reports each of those fetches as a click. Counted,
 * they would turn whole companies of cold leads hot; so a scanner's click stays in the timeline but never scores.
 *
 * <p>A click is a scanner's when any of these holds:
 * <ol>
 *   <li>its user agent is missing, or names a scanner, a crawler or link previewer, a headless browser or an
 *       HTTP library. Many scanners, Safe Links among them, present an ordinary browser's user agent, which is
 *       why the two timing rules exist;</li>
 *   <li>it comes sooner after delivery than a person can react (or before delivery was even recorded: gateways
 *       that scan before accepting the message click before SES sees the delivery);</li>
 *   <li>it is part of a burst that follows every link of the message (or, when the number of links is not
 *       known, several different links) within a few seconds. People click one link, perhaps two, and not at
 *       that pace.</li>
 * </ol>
 * The first click of a burst may look human on its own; the timing rule usually catches it, as scanners
 * start within seconds of delivery. Pure: no clock, no I/O, the same answer for the same input.
 */
public final class LinkScannerDetector {

    /**
     * @param minHumanDelay            a click sooner than this after delivery is a scanner's. Default 10 s: a
     *                                 gateway scans as the message arrives, within a second or a few; a person
     *                                 has to notice the message, open it, read and click, which takes longer
     *                                 even for someone watching their inbox. Ten seconds stays well clear of the
     *                                 scanners' few seconds and costs only the rare very quick reader. Sandboxes
     *                                 are reported to follow links up to a minute after delivery; the burst rule,
     *                                 not this one, is what catches them.
     * @param burstWindow              the span within which following every link is a burst. Default 5 s:
     *                                 scanners fetch all links in parallel or back to back, within a second or
     *                                 two; a person who opens two links from one email takes longer than that.
     * @param burstLinksWhenCountUnknown how many different links within {@code burstWindow} make a burst when the
     *                                 message's number of links is not known. Default 3: two links in a few
     *                                 seconds can be a person with a middle-click, three rarely is.
     */
    public record Thresholds(Duration minHumanDelay, Duration burstWindow, int burstLinksWhenCountUnknown) {
        public static final Thresholds DEFAULTS = new Thresholds(Duration.ofSeconds(10), Duration.ofSeconds(5), 3);

        public Thresholds {
            Objects.requireNonNull(minHumanDelay, "minHumanDelay");
            Objects.requireNonNull(burstWindow, "burstWindow");
            if (minHumanDelay.isNegative() || burstWindow.isNegative()) {
                throw new IllegalArgumentException("thresholds must not be negative");
            }
            if (burstLinksWhenCountUnknown < 2) {
                throw new IllegalArgumentException("a burst needs at least two different links");
            }
        }
    }

    /** An earlier click on the same message, as the timeline kept it. */
    public record EarlierClick(String link, Instant clickedAt) {
        public EarlierClick {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(clickedAt, "clickedAt");
        }

        public static EarlierClick of(SesEvent.Click click) {
            return new EarlierClick(click.link(), click.clickedAt());
        }
    }

    /**
     * @param reason for the timeline: which rule decided, with the numbers; never the link or the IP address
     */
    public record Verdict(boolean scanner, String reason) {
        public Verdict {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A user agent fragment that marks automated clients, and the name the timeline shows for it. */
    private record AutomatedAgent(String name, Pattern pattern) {
        static AutomatedAgent containing(String name, String fragment) {
            return new AutomatedAgent(name, Pattern.compile(Pattern.quote(fragment), Pattern.CASE_INSENSITIVE));
        }

        static AutomatedAgent matching(String name, String regex) {
            return new AutomatedAgent(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        }
    }

    private static final List<AutomatedAgent> AUTOMATED_AGENTS = List.of(
            // Mail security gateways that say who they are.
            AutomatedAgent.containing("Barracuda", "barracuda"),
            AutomatedAgent.containing("Proofpoint", "proofpoint"),
            AutomatedAgent.containing("Mimecast", "mimecast"),
            AutomatedAgent.containing("Cisco Secure Email", "ciscosecureemail"),
            AutomatedAgent.containing("Cisco IronPort", "ironport"),
            AutomatedAgent.matching("Trend Micro", "trend ?micro|\\bTMES\\b"),
            AutomatedAgent.containing("FortiMail", "fortimail"),
            AutomatedAgent.containing("Sophos", "sophos"),
            AutomatedAgent.containing("Symantec", "symantec"),
            AutomatedAgent.containing("Forcepoint", "forcepoint"),
            AutomatedAgent.containing("McAfee", "mcafee"),
            // Microsoft: Office's own fetches before it hands a link to the browser ("Microsoft Office Existence
            // Discovery", "…Protocol Discovery", "ms-office"), MSOffice as Safe Links leaks it in its time-of-click
            // check (milliseconds before the person's browser follows: that second click is the person's), and
            // the old Bing link preview.
            AutomatedAgent.matching("Microsoft Office", "microsoft office|\\bms-?office\\b"),
            AutomatedAgent.containing("BingPreview", "bingpreview"),
            // A 2015 Chrome/EdgeHTML string that no browser has sent for years, seen opening mail from Google's
            // network about a second after it was sent.
            AutomatedAgent.containing("legacy Chrome 42 / Edge 12", "Chrome/42.0.2311.135"),
            // Headless and scripted browsers.
            AutomatedAgent.containing("headless browser", "headless"),
            AutomatedAgent.containing("PhantomJS", "phantomjs"),
            AutomatedAgent.matching("browser automation", "selenium|webdriver|puppeteer|playwright"),
            // HTTP libraries and command-line clients.
            AutomatedAgent.matching("HTTP library", "python-requests|python-urllib|python-httpx|aiohttp|"
                    + "go-http-client|\\bcurl/|\\bwget\\b|libwww-perl|apache-httpclient|okhttp|java-http-client|"
                    + "^java/|node-fetch|\\baxios/|\\bundici\\b|\\bscrapy\\b"),
            // Link previewers: the link was pasted somewhere, not clicked by the lead.
            AutomatedAgent.matching("link preview", "slackbot|facebookexternalhit|whatsapp/|telegrambot|"
                    + "skypeuripreview|discordbot"),
            // Crawlers name themselves "…bot/1.0" or carry an info URL ("+http://…"); browsers do neither.
            // ("bot" alone would also match phone models such as CUBOT.)
            AutomatedAgent.matching("crawler", "(bot|crawler|spider)/\\d|\\+https?://"));

    private final Thresholds thresholds;

    public LinkScannerDetector() {
        this(Thresholds.DEFAULTS);
    }

    public LinkScannerDetector(Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /**
     * @param click                  the click to judge
     * @param deliveredAt            when the message was delivered; when no delivery event has been seen, the
     *                               send time ({@code mail.timestamp}) stands in, a second or so earlier
     * @param earlierClicks          the other clicks recorded on the same message, in any order (events may
     *                               arrive out of order); a redelivered copy of this click does no harm
     * @param distinctLinksInMessage how many different links the message has, when known
     */
    public Verdict assess(SesEvent.Click click, Optional<Instant> deliveredAt, List<EarlierClick> earlierClicks,
                          OptionalInt distinctLinksInMessage) {
        Objects.requireNonNull(click, "click");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(earlierClicks, "earlierClicks");
        Objects.requireNonNull(distinctLinksInMessage, "distinctLinksInMessage");

        Optional<Verdict> verdict = byUserAgent(click.userAgent());
        if (verdict.isEmpty()) {
            verdict = byDelay(click, deliveredAt);
        }
        if (verdict.isEmpty()) {
            verdict = byBurst(click, earlierClicks, distinctLinksInMessage);
        }
        return verdict.orElse(new Verdict(false, "no sign of a link scanner"));
    }

    private Optional<Verdict> byUserAgent(Optional<String> userAgent) {
        if (userAgent.isEmpty() || userAgent.get().isBlank()) {
            return Optional.of(new Verdict(true, "no user agent"));
        }
        String agent = userAgent.get();
        return AUTOMATED_AGENTS.stream()
                .filter(automated -> automated.pattern().matcher(agent).find())
                .findFirst()
                .map(automated -> new Verdict(true, "user agent of an automated client: " + automated.name()));
    }

    private Optional<Verdict> byDelay(SesEvent.Click click, Optional<Instant> deliveredAt) {
        Instant reference = deliveredAt.orElse(click.sentAt());
        String since = deliveredAt.isPresent() ? "delivery" : "sending";
        Duration delay = Duration.between(reference, click.clickedAt());
        if (delay.isNegative()) {
            return Optional.of(new Verdict(true, "clicked before " + since + " was recorded"));
        }
        if (delay.compareTo(thresholds.minHumanDelay()) < 0) {
            return Optional.of(new Verdict(true, "clicked " + seconds(delay) + " after " + since
                    + " (a person takes at least " + seconds(thresholds.minHumanDelay()) + ")"));
        }
        return Optional.empty();
    }

    private Optional<Verdict> byBurst(SesEvent.Click click, List<EarlierClick> earlierClicks,
                                      OptionalInt distinctLinksInMessage) {
        int known = distinctLinksInMessage.orElse(0);
        if (known == 1) {
            return Optional.empty(); // "every link" of a one-link message is any single click
        }
        boolean everyLink = known >= 2;
        int needed = everyLink ? known : thresholds.burstLinksWhenCountUnknown();

        Duration window = thresholds.burstWindow();
        Instant at = click.clickedAt();
        List<EarlierClick> nearby = new ArrayList<>();
        nearby.add(EarlierClick.of(click));
        for (EarlierClick earlier : earlierClicks) {
            if (Duration.between(earlier.clickedAt(), at).abs().compareTo(window) <= 0) {
                nearby.add(earlier);
            }
        }
        nearby.sort(Comparator.comparing(EarlierClick::clickedAt));

        // Every window of the burst's length that contains this click starts at one of the clicks before it.
        for (EarlierClick first : nearby) {
            if (first.clickedAt().isAfter(at)) {
                break;
            }
            Instant end = first.clickedAt().plus(window);
            if (end.isBefore(at)) {
                continue;
            }
            Set<String> links = new HashSet<>();
            Instant last = first.clickedAt();
            for (EarlierClick other : nearby) {
                if (!other.clickedAt().isBefore(first.clickedAt()) && !other.clickedAt().isAfter(end)) {
                    links.add(other.link());
                    last = other.clickedAt().isAfter(last) ? other.clickedAt() : last;
                }
            }
            if (links.size() >= needed) {
                String span = seconds(Duration.between(first.clickedAt(), last));
                return Optional.of(new Verdict(true, everyLink
                        ? "all " + links.size() + " links of the message clicked within " + span
                        : links.size() + " different links clicked within " + span));
            }
        }
        return Optional.empty();
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0
                ? (millis / 1000) + " s"
                : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
