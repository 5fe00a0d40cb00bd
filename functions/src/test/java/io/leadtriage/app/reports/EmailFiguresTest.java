package io.leadtriage.app.reports;

import io.leadtriage.app.admin.ReportOnLeads;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.sesevents.SesEvent;
import io.leadtriage.domain.reports.Tally;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.SeededEmails;
import io.leadtriage.testing.SesEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The email figures: each send and each SES event about it adds one to its figure (sent, delivered, clicked,
 * unsubscribed, bounced, complained) of its day, kind and nurture step, once, in the write that records it; the
 * report adds the days up, and never reads a lead.
 */
class EmailFiguresTest {
    final CoreFlow flow = CoreFlow.start();
    final ReportOnLeads reports = flow.services().reportOnLeads();

    /** Every figure of the report, by kind, sequence and step ({@code kind} alone for no step), zero ones left out. */
    Map<String, Map<String, Long>> figures() {
        Instant from = CoreFlow.START.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Map<String, Map<String, Long>> rows = new HashMap<>();
        reports.emailFigures(reports.period(from, from.plus(Duration.ofDays(60)))).forEach((step, counts) -> {
            Map<String, Long> kept = new HashMap<>();
            counts.counts().forEach((figure, n) -> {
                if (n != 0) {
                    kept.put(figure, n);
                }
            });
            rows.put(step.kind() + (step.inSequence() ? "/" + step.sequenceId() + "/" + (step.step() + 1) : ""), kept);
        });
        return rows;
    }

    @ParameterizedTest(name = "a {1} on a {0} email adds one to its {2} figure, once however often reported")
    @CsvSource(delimiter = '|', value = {
            "nurture     | delivery          | delivered",
            "nurture     | click             | clicked",
            "nurture     | scanner click     | -",
            "nurture     | permanent bounce  | bounced",
            "nurture     | transient bounce  | -",
            "nurture     | complaint         | complained",
            "nurture     | not spam          | -",
            "reminder    | delivery          | delivered",
            "reminder    | click             | clicked",
            "reminder    | permanent bounce  | bounced",
            "sales_alert | delivery          | delivered",
            "sales_alert | click             | clicked",
            "sales_alert | permanent bounce  | bounced",
            "sales_alert | complaint         | complained",
            "escalation  | delivery          | delivered",
            "escalation  | permanent bounce  | bounced"})
    void anEventAddsOneToItsFigureOnce(String kind, String event, String figure) {
        SentMessage sent = flow.firstEmailOf(kind);
        io.leadtriage.app.sesevents.SentMessage mail = flow.sesMail(sent);
        String row = kind.equals("nurture") ? mail.nurtureStep(sent.sentAt()).map(s -> "nurture/" + s.sequenceId() + "/"
                + (s.step() + 1)).orElseThrow() : kind;
        Map<String, Long> before = figures().get(row);
        Instant at = event.equals("scanner click") ? sent.sentAt().plusSeconds(2) : flow.clock().instant();
        SesEvent e = switch (event) {
            case "delivery" -> SesEvents.delivery(mail, "event-1", at);
            case "click", "scanner click" -> SesEvents.click(mail, "event-1", at);
            case "permanent bounce" -> SesEvents.permanentBounce(mail, "event-1", at);
            case "transient bounce" -> SesEvents.transientBounce(sent, "event-1", at);
            case "not spam" -> SesEvents.notSpam(sent, "event-1", at);
            default -> SesEvents.complaint(mail, "event-1", at);
        };
        if (event.equals("scanner click")) {
            flow.recordSesEvent().record(SesEvents.delivery(mail, "delivery-1", sent.sentAt().plusSeconds(1)));
            before = figures().get(row);
        }

        flow.recordSesEvent().record(e);
        flow.recordSesEvent().record(e);

        Map<String, Long> expected = new HashMap<>(before);
        if (!figure.equals("-")) {
            expected.merge(figure, 1L, Long::sum);
        }
        assertThat(figures().get(row)).isEqualTo(expected);
        assertThat(before).containsEntry("sent", 1L);
    }

    @Test
    void aSecondClickOnAnEmailAddsNothingToItsClicked() {
        SentMessage sent = flow.firstEmailOf("nurture");
        io.leadtriage.app.sesevents.SentMessage mail = flow.sesMail(sent);
        flow.recordSesEvent().record(SesEvents.click(mail, "click-1", flow.clock().instant()));
        flow.clock().advance(Duration.ofMinutes(5));
        flow.recordSesEvent().record(SesEvents.click(mail, "click-2", flow.clock().instant()));

        assertThat(figures().values()).filteredOn(f -> f.containsKey("clicked")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("clicked", 1L));
    }

    /**
     * Two SES click events on one email handled side by side, each reading the email before the other wrote its click:
     * the first click by a person is one, whichever of them stored it.
     */
    @ParameterizedTest(name = "two first clicks at once on a {0} email add one to its clicked figure")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"nurture", "sales_alert"})
    void twoFirstClicksAtOnceAddOne(String kind) {
        SentMessage sent = flow.firstEmailOf(kind);
        io.leadtriage.app.sesevents.SentMessage mail = flow.sesMail(sent);
        Instant at = flow.clock().instant();
        java.util.concurrent.atomic.AtomicInteger event = new java.util.concurrent.atomic.AtomicInteger();

        io.leadtriage.testing.contract.ContractFixtures.atOnce(2, () -> {
            int n = event.incrementAndGet();
            return flow.recordSesEvent().record(SesEvents.click(mail, "click-" + n, at.plusSeconds(n)));
        });

        assertThat(figures().values()).filteredOn(f -> f.containsKey("clicked")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("clicked", 1L));
        assertThat(flow.storage().messages().findMessage(sent.leadId(), sent.sendId()).orElseThrow().clicks()).hasSize(2);
    }

    @Test
    void anUnsubscribeIsCreditedToTheLastStepSentAndCountsOnce() {
        SentMessage sent = flow.firstEmailOf("nurture");
        String row = flow.sesMail(sent).nurtureStep(sent.sentAt()).map(s -> "nurture/" + s.sequenceId() + "/1").orElseThrow();

        flow.unsubscribe().unsubscribe(sent.leadId());
        flow.unsubscribe().unsubscribe(sent.leadId());

        assertThat(figures().get(row)).containsEntry("unsubscribed", 1L);
    }

    @Test
    void eachEventCountsOnTheDayItHappened() {
        SentMessage sent = flow.firstEmailOf("nurture");
        io.leadtriage.app.sesevents.SentMessage mail = flow.sesMail(sent);
        Instant nextDay = sent.sentAt().plus(Duration.ofDays(1));
        flow.recordSesEvent().record(SesEvents.delivery(mail, "delivery-1", nextDay));
        LocalDate sentOn = LocalDate.ofInstant(sent.sentAt(), ZoneOffset.UTC);

        Map<EmailStep, Tally> first = flow.storage().counters().emailsByDay(sentOn, sentOn.plusDays(1));
        Map<EmailStep, Tally> second = flow.storage().counters().emailsByDay(sentOn.plusDays(1), sentOn.plusDays(2));
        assertThat(first.values()).extracting(t -> t.get("delivered")).containsOnly(0L);
        assertThat(second.values()).extracting(t -> t.get("delivered")).containsExactly(1L);
    }

    /**
     * A seeded month of leads ({@link SeededEmails}): the report's figures equal a count over the emails actually sent
     * and what was noted of each.
     */
    @Test
    void theFiguresEqualACountOverTheEmailsSent() {
        List<String> leads = SeededEmails.aMonth(flow, 18);

        Map<String, Long> total = new HashMap<>();
        figures().values().forEach(f -> f.forEach((figure, n) -> total.merge(figure, n, Long::sum)));
        assertThat(total).isEqualTo(SeededEmails.countedOverTheEmails(flow, leads));
        assertThat(total).containsKeys("sent", "delivered", "clicked", "bounced");
        assertThat(total.get("sent")).isGreaterThan(40);
        long nurtureSent = flow.mail().sent().stream().filter(m -> m.kind() == io.leadtriage.app.ports.EmailKind.NURTURE).count();
        assertThat(figures().entrySet()).filteredOn(r -> r.getKey().startsWith("nurture/") || r.getKey().startsWith("reminder")
                || r.getKey().startsWith("confirmation")).extracting(r -> r.getValue().getOrDefault("sent", 0L))
                .containsAnyOf(1L, 2L, 3L);
        assertThat(nurtureSent).isPositive();
    }
}
