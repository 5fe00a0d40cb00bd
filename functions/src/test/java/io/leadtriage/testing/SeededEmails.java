package io.leadtriage.testing;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.sesevents.SesEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded month of leads and their emails: nurture steps and alerts dispatched day by day, some emails delivered,
 * clicked (by people and by link scanners), bounced, complained about, some leads unsubscribing; and each email figure
 * as a count over the emails themselves, which the figures kept with each event, and those the backfill rebuilds, are
 * to equal.
 */
public final class SeededEmails {
    private SeededEmails() {
    }

    /** Seeds the month on {@code flow} (the same month for the same {@code seed}). @return the leads */
    public static List<String> aMonth(CoreFlow flow, long seed) {
        Random random = new Random(seed);
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String form = i % 4 == 0 ? "demo" : "newsletter";
            leads.add(flow.submit(form, "lead" + i + "@northwind-saas.com", Map.of("name", "Lead " + i,
                    "timeline", i % 3 == 0 ? "1-3m" : "now")).after().id());
        }
        int event = 0;
        for (int day = 0; day < 30; day++) {
            flow.dispatchAfter(Duration.ofDays(1));
            for (String leadId : leads) {
                for (SentMessage m : flow.storage().messages().sentMessages(leadId)) {
                    io.leadtriage.app.sesevents.SentMessage mail = flow.sesMail(m);
                    Instant now = flow.clock().instant();
                    int roll = random.nextInt(20);
                    SesEvent e = roll < 6 ? SesEvents.delivery(mail, "e" + event++, now)
                            : roll < 9 ? SesEvents.click(mail, "e" + event++, now)
                            : roll == 9 ? SesEvents.permanentBounce(mail, "e" + event++, now)
                            : roll == 10 ? SesEvents.complaint(mail, "e" + event++, now) : null;
                    if (e != null) {
                        flow.recordSesEvent().record(e);
                    }
                }
                if (random.nextInt(40) == 0 && flow.lead(leadId).contact().unsubscribedAt() == null) {
                    flow.unsubscribe().unsubscribe(leadId);
                }
            }
        }
        return leads;
    }

    /**
     * Each figure over the emails sent to or about {@code leads} (the only ones {@code flow} sent) and what was noted
     * of each, and of the leads' addresses; figures at zero left out.
     */
    public static Map<String, Long> countedOverTheEmails(CoreFlow flow, List<String> leads) {
        List<SentMessage> all = leads.stream().flatMap(id -> flow.storage().messages().sentMessages(id).stream()).toList();
        Map<String, Long> expected = new HashMap<>();
        expected.put("sent", (long) flow.mail().sent().size());
        expected.put("delivered", all.stream().filter(m -> m.deliveredAt() != null).count());
        expected.put("clicked", all.stream().filter(m -> m.clicks().stream().anyMatch(c -> !c.scanner())).count());
        expected.put("bounced", suppressed(flow, leads, "permanent bounce") + all.stream().filter(m -> m.bouncedAt() != null).count());
        expected.put("complained", suppressed(flow, leads, "complaint") + all.stream().filter(m -> m.complainedAt() != null).count());
        expected.put("unsubscribed", leads.stream().filter(id -> flow.lead(id).contact().unsubscribedAt() != null).count());
        expected.values().removeIf(n -> n == 0);
        return expected;
    }

    private static long suppressed(CoreFlow flow, List<String> leads, String because) {
        return leads.stream().filter(id -> because.equals(flow.lead(id).contact().suppressedBecause())).count();
    }
}
