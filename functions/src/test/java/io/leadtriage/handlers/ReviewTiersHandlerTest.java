package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled review as Lambda calls it: every due lead in one run when time allows (not the first thousand, as the
 * daily pass did), and a stop {@link ReviewTiersHandler#MARGIN_MILLIS} before the timeout, the rest left due for the
 * next run.
 */
class ReviewTiersHandlerTest {
    final CoreFlow flow = CoreFlow.start();
    final AtomicLong nanos = new AtomicLong();

    @Test
    void oneRunReviewsEveryDueLeadPastAThousand() throws IOException {
        int leads = seedFadingLeads(1_050);

        String answer = run(new ReviewTiersHandler(flow.reviewTiers(), flow.services().rescoreLeads(),
                flow.services().countStoredLeads(), nanos::get), 280_000);

        assertThat(answer).isEqualTo("{\"reviewed\":" + leads + ",\"pages\":11,\"more\":false,\"rescoring\":null,\"backfill\":null}");
        assertThat(flow.services().storage().tierReviews().dueForTierReview(flow.clock().instant(), 10, null).leadIds()).isEmpty();
    }

    @Test
    void aRunStopsWhenItsTimeIsSpentAndTheNextTakesUpTheRest() throws IOException {
        int leads = seedFadingLeads(30);
        // Each look at the time finds a second gone: a run given 10 s beyond the margin stops after a few leads.
        ReviewTiersHandler slow = new ReviewTiersHandler(flow.reviewTiers(), flow.services().rescoreLeads(),
                flow.services().countStoredLeads(), () -> nanos.addAndGet(1_000_000_000L));

        String first = run(slow, ReviewTiersHandler.MARGIN_MILLIS + 10_000);
        int reviewedFirst = reviewed(first);
        assertThat(first).contains(",\"more\":true,");
        assertThat(reviewedFirst).isBetween(1, 10);
        assertThat(reviewed(run(slow, ReviewTiersHandler.MARGIN_MILLIS))).as("no time beyond the margin").isZero();

        String next = run(new ReviewTiersHandler(flow.reviewTiers(), flow.services().rescoreLeads(),
                flow.services().countStoredLeads(), nanos::get), 280_000);
        assertThat(reviewed(next)).isEqualTo(leads - reviewedFirst);
        assertThat(next).contains(",\"more\":false,");
        assertThat(flow.storedLeads()).extracting(lead -> lead.qualification().tier()).containsOnly(Tier.COLD);
    }

    /** Warm leads whose +10 download fades to cold, all due after 60 days. */
    private int seedFadingLeads(int count) {
        for (int i = 0; i < count; i++) {
            flow.submit("ebook", "lead" + i + "@northwind-saas.com", Map.of("budget", "planned"));
        }
        flow.clock().advance(Duration.ofDays(60));
        return count;
    }

    private static int reviewed(String answer) {
        return Integer.parseInt(answer.replaceAll("^\\{\"reviewed\":(\\d+),.*$", "$1"));
    }

    private static String run(ReviewTiersHandler handler, long remainingMillis) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out, context(remainingMillis));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Context context(long remainingMillis) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[]{Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> (int) remainingMillis;
                    case "getAwsRequestId" -> "test-request";
                    default -> null;
                });
    }
}
