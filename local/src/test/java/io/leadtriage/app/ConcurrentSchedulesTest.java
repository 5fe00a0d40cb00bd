package io.leadtriage.app;

import io.leadtriage.app.outbox.DispatchOutbox;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.ports.EmailSendException;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Tier;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.FormPosts;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two scheduled functions run without reserved concurrency (template.yaml), so their runs can overlap: a
 * slow dispatcher pass and the next minute's, the old and the new schedule while a deploy replaces it, a
 * retried invocation. Here several run at once on one DynamoDB table, each with its own Services as its own
 * Lambda container would have, and the overlap does no harm: every email due goes out exactly once (the
 * outbox claim), and a lead reviewed by two passes changes tier once and joins nurture once (the write
 * conditional on the lead's version).
 */
class ConcurrentSchedulesTest {
    static final int DISPATCHERS = 4;
    static final int REVIEWS = 3;
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    final CountingMail mail = new CountingMail();
    String table;
    FormHandler forms;

    @BeforeEach
    void start() {
        // A table of its own: the passes below find only this test's outbox items and leads.
        table = DynamoBackend.freshTable("concurrent-schedules");
        forms = new FormHandler(container());
    }

    /** The application as one Lambda container has it: its own clients and caches, the shared table. */
    Services container() {
        return TestServices.create(clock, mail, table, TestServices.ADMIN_TOKEN);
    }

    @Test
    void dispatchersRunningAtOnceSendEachDueEmailExactlyOnce() throws Exception {
        // Ten hot leads whose sales alerts SES refused at intake (they wait in the outbox for a retry), and ten
        // warm leads whose first nurture email is due: twenty outbox items due once the clock moves on.
        mail.up = false;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(key(FormPosts.submit(forms, "demo", hot("hot" + i)), OutboxKind.SALES_ALERT));
            expected.add(key(FormPosts.submit(forms, "newsletter", warm("warm" + i)), OutboxKind.NURTURE));
        }
        assertThat(mail.sent).as("nothing went out while SES refused").isEmpty();
        mail.up = true;
        clock.advance(Duration.ofMinutes(5));

        List<DispatchOutbox.Report> reports = atOnce(DISPATCHERS, services -> services.dispatcher().dispatchDue(500, Duration.ofSeconds(30)));

        System.out.println(DISPATCHERS + " dispatchers at once on " + expected.size() + " due items: sent "
                + reports.stream().map(DispatchOutbox.Report::sent).toList() + ", found already claimed "
                + reports.stream().map(DispatchOutbox.Report::skipped).toList());
        assertThat(mail.sent.keySet()).as("every due item was sent").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(mail.sent).as("emails sent per outbox item").allSatisfy((item, times) ->
                assertThat(times.get()).as(item).isEqualTo(1));
        assertThat(reports.stream().mapToInt(DispatchOutbox.Report::sent).sum()).isEqualTo(expected.size());
        assertThat(reports.stream().mapToInt(DispatchOutbox.Report::skipped).sum())
                .as("the passes overlapped: some found an item another had just claimed (else this proves nothing)")
                .isPositive();

        // Past the claims' lease nothing is left half-done: the next pass finds none of these items due.
        clock.advance(Duration.ofMinutes(2));
        container().dispatcher().dispatchDue(500, Duration.ofSeconds(30));
        assertThat(mail.sent).allSatisfy((item, times) -> assertThat(times.get()).as(item).isEqualTo(1));
    }

    @Test
    void tierReviewsRunningAtOnceCoolEachLeadOnceAndStartItsNurtureOnce() throws Exception {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            leads.add(FormPosts.submit(forms, "demo", Map.of("email", email("quiet" + i), "name", "Quinn Quiet",
                    "company", "Acme", "timeline", "now", "consent", true)));
        }
        Services store = container();
        Instant lastFade = leads.stream().map(id -> lead(store, id))
                .peek(lead -> assertThat(lead.qualification().tier()).isEqualTo(Tier.HOT))
                .map(LeadRecord::reviewTierAt).max(Comparator.naturalOrder()).orElseThrow();
        clock.advance(Duration.between(clock.instant(), lastFade).plusHours(1));
        mail.sent.clear();

        List<Integer> reviewed = atOnce(REVIEWS, services -> services.reviewTiers().reviewDue(1000));

        System.out.println(REVIEWS + " tier reviews at once on " + leads.size() + " fading leads: reviewed " + reviewed);
        assertThat(reviewed.stream().mapToInt(Integer::intValue).sum()).as("each lead reviewed by one pass only")
                .isEqualTo(leads.size());
        for (String id : leads) {
            List<TimelineEntry> timeline = store.storage().queries().timeline(id);
            assertThat(lead(store, id).qualification().tier()).isEqualTo(Tier.WARM);
            assertThat(timeline).filteredOn(e -> e.detail().startsWith("hot → warm")).as(id + " cooled").hasSize(1);
            assertThat(timeline).filteredOn(e -> e.detail().startsWith("joined ")).as(id + " joined nurture").hasSize(1);
            assertThat(timeline).filteredOn(e -> e.kind().equals(TimelineEntry.TIER_REVIEWED))
                    .as(id + ": a pass that finds the lead reviewed by another writes nothing").hasSize(1);
        }

        container().dispatcher().dispatchDue(500, Duration.ofSeconds(30));
        for (String id : leads) {
            assertThat(mail.sent.get(key(id, OutboxKind.NURTURE))).as(id + "'s nurture emails").hasValue(1);
        }
    }

    /** Runs {@code pass} in {@code count} containers at the same moment; what each returned. */
    <T> List<T> atOnce(int count, PassOf<T> pass) throws Exception {
        List<Services> containers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            containers.add(container());
        }
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> runs = new ArrayList<>();
            for (Services services : containers) {
                Callable<T> run = () -> {
                    go.await();
                    return pass.run(services);
                };
                runs.add(pool.submit(run));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> run : runs) {
                results.add(run.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface PassOf<T> {
        T run(Services services) throws Exception;
    }

    /**
     * The mail service: counts what it accepted per outbox item (the lead and kind the dispatcher tags each
     * email with). A send takes a little while, as SES's does, so the passes overlap on the same items.
     */
    static final class CountingMail implements EmailSender {
        final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
        volatile boolean up = true;

        @Override
        public String send(OutgoingEmail email) {
            if (!up) {
                throw new EmailSendException("SES is unavailable", true, null);
            }
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.computeIfAbsent(email.tags().get("leadId") + " " + email.tags().get("kind"), k -> new AtomicInteger())
                    .incrementAndGet();
            return UUID.randomUUID().toString();
        }
    }

    static String key(String leadId, OutboxKind kind) {
        return leadId + " " + kind.wireName();
    }

    static LeadRecord lead(Services services, String id) {
        return services.storage().queries().findById(id).orElseThrow();
    }

    static String email(String who) {
        return who + "+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
    }

    static Map<String, Object> hot(String who) {
        return Map.of("email", email(who), "name", "Priya Shah", "company", "Northwind", "jobTitle", "VP Marketing",
                "budget", "approved", "timeline", "now", "challenge", "Our SDRs follow up too slowly on hot leads",
                "consent", true);
    }

    static Map<String, Object> warm(String who) {
        return Map.of("email", email(who), "name", "Sam Lee", "timeline", "now", "consent", true);
    }
}
